using Cordouan.Core.Ids;

namespace Cordouan.Core.Vms;

/// <summary>
/// Runs VMs on this node. Each VM is its own detached process: the driver may die and come back
/// (<see cref="RecoverAsync"/>) without disturbing any VM. Methods on a VM that is not running throw
/// <see cref="Errors.VmStateException"/> ("VM {id} not running"), except <see cref="GetAsync"/> which returns null.
/// </summary>
public interface IVmDriver
{
    /// <summary>Starts the VM and returns once QEMU's monitor answers and the guest runs (or is paused when asked).</summary>
    Task<VmRuntimeInfo> StartAsync(VmLaunchSpec spec, CancellationToken cancellationToken);

    /// <summary>The VM's process and state, or null when no process runs for it.</summary>
    Task<VmRuntimeInfo?> GetAsync(VmId vmId, CancellationToken cancellationToken);

    /// <summary>Re-attaches to every VM process still running on this node (after a daemon restart).</summary>
    Task<IReadOnlyList<VmRuntimeInfo>> RecoverAsync(CancellationToken cancellationToken);

    /// <summary>Hard stop: QMP quit, then SIGKILL after <paramref name="timeout"/>. Returns once the process is gone. No-op if not running.</summary>
    Task StopAsync(VmId vmId, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>
    /// Fencing: SIGKILL at once, without QMP and without waiting for an operation in progress on the VM; returns once
    /// the process is gone. No-op if not running.
    /// </summary>
    Task KillAsync(VmId vmId, CancellationToken cancellationToken);

    /// <summary>ACPI power button; returns true if the process exited within <paramref name="timeout"/>.</summary>
    Task<bool> ShutdownAsync(VmId vmId, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>Hard reset (the guest reboots without shutting down).</summary>
    Task ResetAsync(VmId vmId, CancellationToken cancellationToken);

    /// <summary>Pauses the vCPUs (QMP stop).</summary>
    Task PauseAsync(VmId vmId, CancellationToken cancellationToken);

    /// <summary>Resumes the vCPUs (QMP cont).</summary>
    Task ResumeAsync(VmId vmId, CancellationToken cancellationToken);

    /// <summary>Grows a drive of a running VM (QMP block_resize); the image is resized by QEMU itself.</summary>
    Task ResizeDriveAsync(VmId vmId, string driveId, long sizeBytes, CancellationToken cancellationToken);

    /// <summary>Takes an internal qcow2 snapshot of one drive of a running VM.</summary>
    Task SnapshotDriveAsync(VmId vmId, string driveId, string snapshotName, CancellationToken cancellationToken);

    /// <summary>Deletes an internal qcow2 snapshot of one drive of a running VM.</summary>
    Task DeleteDriveSnapshotAsync(VmId vmId, string driveId, string snapshotName, CancellationToken cancellationToken);

    /// <summary>Hot-plugs a NIC into a running VM: its tap plugged into its bridge, then the QEMU backend and device.</summary>
    Task PlugNicAsync(VmId vmId, NicSpec nic, CancellationToken cancellationToken);

    /// <summary>Hot-unplugs a NIC: asks the guest to release the device, waits (bounded) until it is gone, then drops the backend.</summary>
    Task UnplugNicAsync(VmId vmId, string nicId, CancellationToken cancellationToken);

    /// <summary>Absolute path of the VM's serial console unix socket (first serial port).</summary>
    string SerialSocketPath(VmId vmId);

    /// <summary>Absolute path of the VM's VNC server unix socket (RFB, no password: reached only through a VNC ticket).</summary>
    string VncSocketPath(VmId vmId);
}
