using Cordouan.Platform.Processes;
using Cordouan.Core.Ids;
using Cordouan.Core.Vms;
using Cordouan.Qemu.Qmp.Commands;
using Cordouan.Qemu.Qmp.Monitor;
using Cordouan.Qemu.Qmp.Protocol;
using Cordouan.Qemu.Supervisor;

namespace Cordouan.Qemu;

public sealed partial class QemuVmDriver
{
    public async Task<IReadOnlyList<VmRuntimeInfo>> RecoverAsync(CancellationToken cancellationToken)
    {
        if (!Directory.Exists(_options.RunDirectory))
        {
            return [];
        }
        var recovered = new List<VmRuntimeInfo>();
        foreach (var directory in Directory.EnumerateDirectories(_options.RunDirectory))
        {
            if (!VmId.TryParse(Path.GetFileName(directory), out var vmId))
            {
                continue;
            }
            try
            {
                RunningVm? vm;
                using (await LockAsync(vmId, cancellationToken))
                {
                    vm = await FindLockedAsync(vmId, cancellationToken);
                }
                if (vm is not null)
                {
                    var status = await vm.Monitor.QueryStatusAsync(cancellationToken);
                    recovered.Add(Info(vm, status.Status));
                }
            }
            catch (Exception e) when (e is TimeoutException or QmpProtocolException or QmpException or IOException or UnauthorizedAccessException)
            {
                Log.RecoverFailed(_logger, vmId, e.Message);
            }
        }
        Log.RecoveredVms(_logger, recovered.Count);
        return recovered;
    }

    /// <summary>The attached VM; the gate is taken only when the table has to change (re-attach or clean up).</summary>
    private async Task<RunningVm?> FindAsync(VmId vmId, CancellationToken cancellationToken)
    {
        if (_vms.TryGetValue(vmId, out var known) && known.IsProcessRunning && !known.Monitor.IsClosed)
        {
            return known;
        }
        using (await LockAsync(vmId, cancellationToken))
        {
            return await FindLockedAsync(vmId, cancellationToken);
        }
    }

    /// <summary>With the VM's gate held: the attached VM, else a QEMU found in its run directory (re-attached), else null.</summary>
    private async Task<RunningVm?> FindLockedAsync(VmId vmId, CancellationToken cancellationToken)
    {
        if (_vms.TryGetValue(vmId, out var vm))
        {
            if (vm.IsProcessRunning && !vm.Monitor.IsClosed)
            {
                return vm;
            }
            await ForgetAsync(vm);
        }
        return await TryAttachAsync(vmId, cancellationToken);
    }

    /// <summary>
    /// Re-attaches to this VM's QEMU if its pid is alive and really is that QEMU (its command line serves our QMP
    /// socket: a reused pid does not), rewriting the handle if needed. A run directory without one is removed.
    /// </summary>
    private async Task<RunningVm?> TryAttachAsync(VmId vmId, CancellationToken cancellationToken)
    {
        var paths = Paths(vmId);
        if (!Directory.Exists(paths.RunDirectory))
        {
            return null;
        }
        var handle = await QemuHandleFile.TryReadAsync(paths.HandleFile, cancellationToken);
        var pid = handle?.Pid ?? QemuLauncher.ReadPidFile(paths);
        var process = pid is { } p ? ProcessStat.TryRead(p) : null;
        var commandLine = process is { IsRunning: true } ? ProcFs.ReadCommandLine(process.Pid) : [];
        if (process is null || !ProcFs.IsQemuFor(commandLine, paths))
        {
            Log.RemovingStaleRunDirectory(_logger, vmId, paths.RunDirectory);
            DeleteRunDirectory(paths);
            await RemoveLeftoverTapsAsync(vmId, cancellationToken);
            return null;
        }
        if (handle is null || handle.Pid != process.Pid || handle.ProcessStartTicks != process.StartTicks)
        {
            handle = new QemuHandle
            {
                VmId = vmId.Value,
                Pid = process.Pid,
                ProcessStartTicks = process.StartTicks,
                StartedAt = ProcFs.StartTime(process.StartTicks),
                ArgvHash = QemuHandleFile.HashArgv(commandLine),
            };
            await QemuHandleFile.WriteAsync(paths.HandleFile, handle, cancellationToken);
        }
        var monitor = await QmpMonitor.ConnectAsync(paths.QmpSocket, _options.MonitorTimeout, _logger, _timeProvider, cancellationToken);
        var vm = new RunningVm(vmId, paths, handle, monitor);
        _vms[vmId] = vm;
        Log.Attached(_logger, vmId, process.Pid);
        return vm;
    }

    /// <summary>Drops an exited VM from the table and cleans its run directory.</summary>
    private async Task CollectExitedAsync(VmId vmId, CancellationToken cancellationToken)
    {
        using (await LockAsync(vmId, cancellationToken))
        {
            if (_vms.TryGetValue(vmId, out var vm) && !vm.IsProcessRunning)
            {
                await ForgetAsync(vm);
                await RemoveLeftoverTapsAsync(vmId, cancellationToken);
            }
        }
    }

    /// <summary>Detaches from <paramref name="vm"/>; removes its run directory when the process is gone. Call with the gate held.</summary>
    private async Task ForgetAsync(RunningVm vm)
    {
        if (!_vms.TryRemove(KeyValuePair.Create(vm.VmId, vm)))
        {
            return;
        }
        await vm.Monitor.DisposeAsync();
        if (!vm.IsProcessRunning)
        {
            DeleteRunDirectory(vm.Paths);
        }
    }

    private void DeleteRunDirectory(CommandLine.QemuRunPaths paths)
    {
        try
        {
            Directory.Delete(paths.RunDirectory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Already gone.
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.CleanupFailed(_logger, paths.RunDirectory, e.Message);
        }
    }

    private async Task<IDisposable> LockAsync(VmId vmId, CancellationToken cancellationToken)
    {
        var gate = _gates.GetOrAdd(vmId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        return new GateRelease(gate);
    }

    private sealed class GateRelease(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
