namespace Cordouan.Qemu.Qmp.Commands;

/// <summary>The medium of a <see cref="QmpBlockDevice"/>: its top node, file and format driver.</summary>
public sealed record QmpBlockInserted(string File, string? NodeName, bool Ro, string Drv, QmpImageInfo? Image);
