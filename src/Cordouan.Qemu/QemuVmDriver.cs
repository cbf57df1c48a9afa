using System.Collections.Concurrent;
using Cordouan.Core.Errors;
using Cordouan.Core.Ids;
using Cordouan.Core.Network;
using Cordouan.Core.Vms;
using Cordouan.Qemu.Acceleration;
using Cordouan.Qemu.CommandLine;
using Cordouan.Qemu.Qmp.Commands;
using Cordouan.Qemu.Qmp.Monitor;
using Cordouan.Qemu.Qmp.Protocol;
using Cordouan.Qemu.Supervisor;
using Microsoft.Extensions.Logging;

namespace Cordouan.Qemu;

/// <summary>
/// <see cref="IVmDriver"/> over QEMU: one daemonized <c>qemu-system-x86_64</c> per VM (its own session, so it
/// outlives this process), supervised through <c>&lt;RunDirectory&gt;/&lt;vmid&gt;/</c> (pidfile, QMP socket,
/// versioned <c>handle.json</c>). Disposing the driver closes its QMP connections and leaves the VMs running.
/// Start, stop and re-attach of one VM are serialized; different VMs proceed in parallel.
/// </summary>
public sealed partial class QemuVmDriver : IVmDriver, IVmSampler, IAsyncDisposable
{
    private readonly QemuOptions _options;
    private readonly ILogger<QemuVmDriver> _logger;
    private readonly TimeProvider _timeProvider;
    private readonly AcceleratorResolver _accelerators;
    private readonly QemuLauncher _launcher;
    private readonly IHostNetwork _network;
    private readonly ConcurrentDictionary<VmId, RunningVm> _vms = new();
    private readonly ConcurrentDictionary<VmId, SemaphoreSlim> _gates = new();

    public QemuVmDriver(QemuOptions options, IHostNetwork network, ILogger<QemuVmDriver> logger, TimeProvider timeProvider)
    {
        _network = network;
        QemuOptionsValidator.ThrowIfInvalid(options);
        _options = options with { RunDirectory = Path.GetFullPath(options.RunDirectory) };
        _logger = logger;
        _timeProvider = timeProvider;
        _accelerators = new AcceleratorResolver(_options, logger, timeProvider);
        _launcher = new QemuLauncher(_options, timeProvider);
    }

    public string SerialSocketPath(VmId vmId) => Paths(vmId).SerialSocket;

    public string VncSocketPath(VmId vmId) => Paths(vmId).VncSocket;

    public async Task<VmRuntimeInfo?> GetAsync(VmId vmId, CancellationToken cancellationToken)
    {
        var vm = await FindAsync(vmId, cancellationToken);
        if (vm is null)
        {
            return null;
        }
        try
        {
            var status = await vm.Monitor.QueryStatusAsync(cancellationToken);
            return Info(vm, status.Status);
        }
        catch (QmpProtocolException)
        {
            // QEMU closed its monitor: it is exiting. Report it gone once the process is.
            if (!await ProcFs.WaitForExitAsync(vm.Pid, vm.Handle.ProcessStartTicks, _options.KillTimeout, _timeProvider, cancellationToken))
            {
                throw;
            }
            await CollectExitedAsync(vmId, cancellationToken);
            return null;
        }
    }

    public Task ResetAsync(VmId vmId, CancellationToken cancellationToken) =>
        RunAsync(vmId, $"reset VM {vmId}", (m, ct) => m.SystemResetAsync(ct), cancellationToken);

    public Task PauseAsync(VmId vmId, CancellationToken cancellationToken) =>
        RunAsync(vmId, $"pause VM {vmId}", (m, ct) => m.StopAsync(ct), cancellationToken);

    public Task ResumeAsync(VmId vmId, CancellationToken cancellationToken) =>
        RunAsync(vmId, $"resume VM {vmId}", (m, ct) => m.ContAsync(ct), cancellationToken);

    public Task ResizeDriveAsync(VmId vmId, string driveId, long sizeBytes, CancellationToken cancellationToken) =>
        RunAsync(vmId, $"resize drive {driveId} of VM {vmId}",
            async (m, ct) => await m.BlockResizeAsync(await DriveNodeAsync(m, driveId, ct), sizeBytes, ct), cancellationToken);

    public Task SnapshotDriveAsync(VmId vmId, string driveId, string snapshotName, CancellationToken cancellationToken) =>
        RunAsync(vmId, $"snapshot drive {driveId} of VM {vmId}",
            async (m, ct) => await m.BlockdevSnapshotInternalSyncAsync(await DriveNodeAsync(m, driveId, ct), snapshotName, ct), cancellationToken);

    public Task DeleteDriveSnapshotAsync(VmId vmId, string driveId, string snapshotName, CancellationToken cancellationToken) =>
        RunAsync(vmId, $"delete snapshot {snapshotName} of drive {driveId} of VM {vmId}",
            async (m, ct) => await m.BlockdevSnapshotDeleteInternalSyncAsync(await DriveNodeAsync(m, driveId, ct), snapshotName, ct), cancellationToken);

    /// <summary>Closes every QMP connection; the VMs keep running and a new driver can recover them.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var vm in _vms.Values)
        {
            await vm.Monitor.DisposeAsync();
        }
        _vms.Clear();
    }

    private QemuRunPaths Paths(VmId vmId) => QemuRunPaths.For(_options.RunDirectory, vmId);

    private async Task RunAsync(VmId vmId, string what, Func<QmpMonitor, CancellationToken, Task> command, CancellationToken cancellationToken)
    {
        var vm = await FindAsync(vmId, cancellationToken) ?? throw new VmStateException($"VM {vmId} not running");
        try
        {
            await command(vm.Monitor, cancellationToken);
        }
        catch (QmpException e)
        {
            throw new CordouanException($"Failed to {what}: {e.Description}", e);
        }
        catch (Exception e) when (e is TimeoutException or QmpProtocolException)
        {
            throw new CordouanException($"Failed to {what}: {e.Message}", e);
        }
    }

    /// <summary>The VM as the driver reports it, with its latest sampled figures when they are of this very process.</summary>
    private VmRuntimeInfo Info(RunningVm vm, string qmpStatus) =>
        new(vm.VmId, vm.Pid, ToRunState(qmpStatus), vm.Handle.StartedAt) { Figures = FiguresOf(vm) };

    /// <summary>QEMU's RunState names reduced to what Proxmox exposes as <c>qmpstatus</c>.</summary>
    internal static VmRunState ToRunState(string qmpStatus) => qmpStatus switch
    {
        "running" => VmRunState.Running,
        "paused" => VmRunState.Paused,
        "prelaunch" => VmRunState.Prelaunch,
        "suspended" => VmRunState.Suspended,
        "shutdown" => VmRunState.Shutdown,
        "internal-error" or "guest-panicked" or "io-error" => VmRunState.InternalError,
        _ => VmRunState.Other,
    };
}
