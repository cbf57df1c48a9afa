using Cordouan.Platform.Processes;
using Cordouan.Core.Ids;
using Cordouan.Qemu.CommandLine;
using Cordouan.Qemu.Qmp.Monitor;

namespace Cordouan.Qemu.Supervisor;

/// <summary>A QEMU process the driver is attached to.</summary>
internal sealed class RunningVm(VmId vmId, QemuRunPaths paths, QemuHandle handle, QmpMonitor monitor)
{
    public VmId VmId { get; } = vmId;
    public QemuRunPaths Paths { get; } = paths;
    public QemuHandle Handle { get; } = handle;
    public QmpMonitor Monitor { get; } = monitor;

    public int Pid => Handle.Pid;

    public bool IsProcessRunning => ProcessStat.IsRunning(Handle.Pid, Handle.ProcessStartTicks);
}
