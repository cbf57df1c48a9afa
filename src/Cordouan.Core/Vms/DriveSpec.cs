using Cordouan.Core.Storage;

namespace Cordouan.Core.Vms;

/// <summary>
/// One drive as QEMU must open it: a host file or device at <see cref="Path"/> (absolute: migration fails with relative
/// paths), an RBD image at <see cref="Rbd"/> (Path null), or neither for an empty CD-ROM.
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
    bool Discard = false,
    RbdLocation? Rbd = null);
