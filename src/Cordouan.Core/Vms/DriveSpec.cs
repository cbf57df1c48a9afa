namespace Cordouan.Core.Vms;

/// <summary>
/// One drive as QEMU must open it. <see cref="Path"/> is absolute (migration fails with relative paths) or null for an empty CD-ROM.
/// <see cref="Id"/> is the Proxmox config key (<c>scsi0</c>) and becomes the QEMU device/node id.
/// </summary>
public sealed record DriveSpec(
    string Id,
    DiskBus Bus,
    int Index,
    string? Path,
    string Format,
    bool IsCdrom = false,
    string Cache = "none",
    bool ReadOnly = false,
    bool Discard = false);
