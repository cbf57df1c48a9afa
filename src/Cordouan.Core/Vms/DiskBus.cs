namespace Cordouan.Core.Vms;

/// <summary>Controller a drive hangs off; Proxmox names drives <c>virtio0</c>, <c>scsi0</c>, <c>sata0</c>, <c>ide0</c>.</summary>
public enum DiskBus
{
    Virtio,
    Scsi,
    Sata,
    Ide,
}
