namespace Cordouan.Node.Vms;

/// <summary>Options of a disk move (Proxmox names: disk, storage, format, delete, bwlimit in KiB/s, digest).</summary>
public sealed record MoveDiskRequest(string Disk, string Storage, string? Format, bool Delete, long? BandwidthKiBps, string? Digest);
