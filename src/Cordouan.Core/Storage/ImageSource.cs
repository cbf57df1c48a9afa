namespace Cordouan.Core.Storage;

/// <summary>An image another storage holds, as qemu-img opens it: a host path or an <c>rbd:</c> filename, its format and virtual size.</summary>
public sealed record ImageSource(string QemuFilename, string Format, long SizeBytes);
