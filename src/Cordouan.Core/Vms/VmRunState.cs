namespace Cordouan.Core.Vms;

/// <summary>What QEMU reports (QMP query-status), reduced to what Proxmox exposes as <c>qmpstatus</c>.</summary>
public enum VmRunState
{
    Running,
    Paused,
    Prelaunch,
    Suspended,
    Shutdown,
    InternalError,
    Other,
}
