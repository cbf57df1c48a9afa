using System.Collections.Concurrent;
using Cordouan.Core.Ids;
using Cordouan.Core.Vms;
using Cordouan.Qemu.Qmp.Commands;
using Cordouan.Qemu.Qmp.Monitor;
using Cordouan.Qemu.Stats;
using Cordouan.Qemu.Supervisor;

namespace Cordouan.Qemu;

/// <summary>Usage sampling (<see cref="IVmSampler"/>): /proc for CPU and memory, QMP for disks, /proc/net/dev for taps.</summary>
public sealed partial class QemuVmDriver
{
    private readonly ConcurrentDictionary<VmId, Sample> _samples = new();

    public async Task<IReadOnlyList<VmRuntimeInfo>> SampleAsync(CancellationToken cancellationToken)
    {
        var network = TapCounters.Read();
        var sampled = new List<VmRuntimeInfo>(_vms.Count);
        foreach (var vm in _vms.Values.ToArray())
        {
            if (await SampleOneAsync(vm, network, cancellationToken) is { } info)
            {
                sampled.Add(info);
            }
        }
        foreach (var gone in _samples.Keys.Except(sampled.Select(s => s.VmId)).ToArray())
        {
            _samples.TryRemove(gone, out _);
        }
        return sampled;
    }

    /// <summary>One VM's state and figures; null when it is exiting or its monitor does not answer (skipped this pass).</summary>
    private async Task<VmRuntimeInfo?> SampleOneAsync(RunningVm vm, Dictionary<VmId, (long NetIn, long NetOut)> network, CancellationToken cancellationToken)
    {
        if (!vm.IsProcessRunning || vm.Monitor.IsClosed)
        {
            return null;
        }
        string status;
        (long Read, long Written) disks;
        try
        {
            status = (await vm.Monitor.QueryStatusAsync(cancellationToken)).Status;
            disks = QmpBlockStats.Sum(await vm.Monitor.QueryBlockStatsAsync(cancellationToken));
        }
        catch (Exception e) when (e is QmpException or TimeoutException or IOException)
        {
            Log.SampleFailed(_logger, vm.VmId, e.Message);
            return null;
        }
        var now = _timeProvider.GetTimestamp();
        var ticks = ProcessUsage.ReadCpuTicks(vm.Pid);
        if (ticks is null)
        {
            return null;
        }
        var cores = _samples.TryGetValue(vm.VmId, out var previous) && previous.Pid == vm.Pid && previous.StartTicks == vm.Handle.ProcessStartTicks
            ? ProcessUsage.CpuCores(ticks.Value - previous.CpuTicks, _timeProvider.GetElapsedTime(previous.Timestamp, now))
            : 0;
        var (netIn, netOut) = network.GetValueOrDefault(vm.VmId);
        var figures = new VmFigures(cores, ProcessUsage.ReadResidentBytes(vm.Pid), disks.Read, disks.Written, netIn, netOut);
        _samples[vm.VmId] = new Sample(vm.Pid, vm.Handle.ProcessStartTicks, ticks.Value, now, figures);
        return new VmRuntimeInfo(vm.VmId, vm.Pid, ToRunState(status), vm.Handle.StartedAt) { Figures = figures };
    }

    private VmFigures? FiguresOf(RunningVm vm) =>
        _samples.TryGetValue(vm.VmId, out var sample) && sample.Pid == vm.Pid && sample.StartTicks == vm.Handle.ProcessStartTicks ? sample.Figures : null;

    /// <summary>The last pass's reading of one QEMU process (pid and start time tell it from a later one).</summary>
    private sealed record Sample(int Pid, long StartTicks, long CpuTicks, long Timestamp, VmFigures Figures);
}
