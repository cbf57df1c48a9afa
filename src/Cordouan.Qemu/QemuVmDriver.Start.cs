using Cordouan.Platform.Processes;
using Cordouan.Core.Errors;
using Cordouan.Core.Vms;
using Cordouan.Qemu.CommandLine;
using Cordouan.Qemu.Qmp.Commands;
using Cordouan.Qemu.Qmp.Monitor;
using Cordouan.Qemu.Supervisor;

namespace Cordouan.Qemu;

public sealed partial class QemuVmDriver
{
    public async Task<VmRuntimeInfo> StartAsync(VmLaunchSpec spec, CancellationToken cancellationToken)
    {
        var vmId = spec.VmId;
        var paths = Paths(vmId);
        using var gate = await LockAsync(vmId, cancellationToken);
        if (await FindLockedAsync(vmId, cancellationToken) is not null)
        {
            throw new VmStateException($"VM {vmId} already running");
        }
        await CheckBridgesAsync(spec, cancellationToken);
        var accelerator = await _accelerators.ResolveAsync(spec.Accelerator, cancellationToken);
        IReadOnlyList<string> argv = [_options.QemuBinary, .. QemuArgvBuilder.Build(spec, paths, accelerator)];
        PrepareRunDirectory(paths);
        await RemoveLeftoverTapsAsync(vmId, cancellationToken);
        var pid = await _launcher.LaunchAsync(vmId, argv, paths, cancellationToken);

        QmpMonitor? monitor = null;
        try
        {
            var process = ProcessStat.TryRead(pid) ?? throw new CordouanException($"QEMU process {pid} vanished right after starting");
            var handle = new QemuHandle
            {
                VmId = vmId.Value,
                Pid = pid,
                ProcessStartTicks = process.StartTicks,
                StartedAt = _timeProvider.GetUtcNow(),
                ArgvHash = QemuHandleFile.HashArgv(argv),
            };
            await QemuHandleFile.WriteAsync(paths.HandleFile, handle, cancellationToken);
            monitor = await QmpMonitor.ConnectAsync(paths.QmpSocket, _options.MonitorTimeout, _logger, _timeProvider, cancellationToken);
            // QEMU created the taps when it opened them; the guest is still stopped (-S) while they are plugged in.
            await AttachTapsAsync(spec, cancellationToken);
            foreach (var nic in spec.Nics.Where(n => n.LinkDown))
            {
                await monitor.SetLinkAsync(nic.Id, up: false, cancellationToken);
            }
            if (!spec.StartPaused)
            {
                await monitor.ContAsync(cancellationToken);
            }
            var status = await monitor.QueryStatusAsync(cancellationToken);
            var vm = new RunningVm(vmId, paths, handle, monitor);
            _vms[vmId] = vm;
            Log.Started(_logger, vmId, pid, accelerator);
            return Info(vm, status.Status);
        }
        catch (Exception e)
        {
            // Undo: no half-started VM may survive a failed start.
            if (monitor is not null)
            {
                await monitor.DisposeAsync();
            }
            await KillStartedAsync(pid, paths);
            if (e is OperationCanceledException or CordouanException)
            {
                throw;
            }
            throw new CordouanException($"Failed to start VM {vmId}: {e.Message}", e);
        }
    }

    private async Task KillStartedAsync(int pid, QemuRunPaths paths)
    {
        if (ProcessStat.TryRead(pid) is { IsRunning: true } process && ProcFs.IsQemuFor(ProcFs.ReadCommandLine(pid), paths))
        {
            ProcFs.Kill(pid);
            await ProcFs.WaitForExitAsync(pid, process.StartTicks, _options.KillTimeout, _timeProvider, CancellationToken.None);
        }
        DeleteRuntimeFiles(paths);
    }

    /// <summary>Creates the VM's run directory (owner-only) and removes leftovers of an earlier run.</summary>
    private static void PrepareRunDirectory(QemuRunPaths paths)
    {
        const UnixFileMode ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        Directory.CreateDirectory(paths.RunDirectory, ownerOnly);
        // The QMP, VNC and serial sockets in it give control of the guest: a directory left looser by an older version is tightened.
        File.SetUnixFileMode(paths.RunDirectory, ownerOnly);
        DeleteRuntimeFiles(paths);
        File.Delete(paths.LogFile);
    }

    /// <summary>Removes sockets, pidfile and handle but keeps <c>qemu.log</c> for the operator.</summary>
    private static void DeleteRuntimeFiles(QemuRunPaths paths)
    {
        foreach (var file in (string[])[paths.QmpSocket, paths.SerialSocket, paths.VncSocket, paths.PidFile, paths.HandleFile])
        {
            File.Delete(file);
        }
    }
}
