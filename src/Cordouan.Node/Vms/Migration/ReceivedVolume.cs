namespace Cordouan.Node.Vms.Migration;

/// <summary>What the receiving node wrote: byte count and SHA-256 (lower-case hex) of the file as stored.</summary>
public sealed record ReceivedVolume(long Bytes, string Sha256);
