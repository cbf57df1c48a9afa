using Cordouan.Core.Errors;
using Cordouan.Core.Ids;
using Cordouan.Qemu.Qmp.Commands;
using Cordouan.Qemu.Qmp.Monitor;
using Cordouan.Qemu.Qmp.Protocol;
using Cordouan.Qemu.Supervisor;

namespace Cordouan.Qemu;

public sealed partial class QemuVmDriver
{
    public async Task StopAsync(VmId vmId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var gate = await LockAsync(vmId, cancellationToken);
        var vm = await FindLockedAsync(vmId, cancellationToken);
        if (vm is null)
        {
            return;
        }
        try
        {
            using var quitTimeout = new CancellationTokenSource(timeout, _timeProvider);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, quitTimeout.Token);
            await vm.Monitor.QuitAsync(linked.Token);
        }
        catch (Exception e) when (e is TimeoutException or QmpException or QmpProtocolException
                                  || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            Log.QuitFailed(_logger, vmId, e.Message);
        }
        var ticks = vm.Handle.ProcessStartTicks;
        if (!await ProcFs.WaitForExitAsync(vm.Pid, ticks, timeout, _timeProvider, cancellationToken))
        {
            Log.Killing(_logger, vmId, vm.Pid, timeout.TotalSeconds);
            ProcFs.Kill(vm.Pid);
            if (!await ProcFs.WaitForExitAsync(vm.Pid, ticks, _options.KillTimeout, _timeProvider, cancellationToken))
            {
                throw new CordouanException(
                    $"Failed to stop VM {vmId}: process {vm.Pid} is still alive {_options.KillTimeout.TotalSeconds:0.#} s after SIGKILL");
            }
        }
        await ForgetAsync(vm);
        await RemoveLeftoverTapsAsync(vmId, cancellationToken);
        Log.Stopped(_logger, vmId);
    }

    public async Task KillAsync(VmId vmId, CancellationToken cancellationToken)
    {
        // No gate: a fence must not wait behind a start, stop or migration step that holds it.
        var vm = await FindAsync(vmId, cancellationToken);
        if (vm is null)
        {
            return;
        }
        Log.Fencing(_logger, vmId, vm.Pid);
        ProcFs.Kill(vm.Pid);
        if (!await ProcFs.WaitForExitAsync(vm.Pid, vm.Handle.ProcessStartTicks, _options.KillTimeout, _timeProvider, cancellationToken))
        {
            throw new CordouanException($"Failed to kill VM {vmId}: process {vm.Pid} is still alive {_options.KillTimeout.TotalSeconds:0.#} s after SIGKILL");
        }
        // The usual bookkeeping (monitor, run directory) with the process already gone.
        await StopAsync(vmId, TimeSpan.Zero, cancellationToken);
    }

    public async Task<bool> ShutdownAsync(VmId vmId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var vm = await FindAsync(vmId, cancellationToken) ?? throw new VmStateException($"VM {vmId} not running");
        try
        {
            await vm.Monitor.SystemPowerdownAsync(cancellationToken);
        }
        catch (Exception e) when (e is QmpException or TimeoutException or QmpProtocolException)
        {
            throw new CordouanException($"Failed to shut down VM {vmId}: {e.Message}", e);
        }
        if (!await ProcFs.WaitForExitAsync(vm.Pid, vm.Handle.ProcessStartTicks, timeout, _timeProvider, cancellationToken))
        {
            Log.ShutdownTimedOut(_logger, vmId, timeout.TotalSeconds);
            return false;
        }
        await CollectExitedAsync(vmId, cancellationToken);
        Log.ShutDown(_logger, vmId);
        return true;
    }
}
