using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Cordouan.Scenarios.ClusterMembership;
using Cordouan.Scenarios.LiveMigration;
using Cordouan.Testing.Daemon;

namespace Cordouan.Scenarios.Failover;

/// <summary>
/// One power loss of the node running the HA VM (every process of its namespace SIGKILLed, as the HA tests do),
/// timed from the kill on three probes armed before it: the surviving node's API showing it owns the VM (every
/// 100 ms), its QEMU in <c>/proc</c> (every 50 ms), the guest's first heartbeat on its console (connect retried every
/// 20 ms). Then the killed node is started again on its data, rejoins, and the HA stack is left at rest.
/// </summary>
public sealed class PowerLossRound(FailoverBenchOptions options, WitnessedPair pair, int vmid, Action<string> progress)
{
    private static readonly TimeSpan BeatingTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan TaskTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Cuts <paramref name="victim"/>'s power while <paramref name="console"/> (its VM's console) shows the guest
    /// beating; returns the figures and the console on the node the VM now runs on (the caller disposes both).
    /// </summary>
    public async Task<(FailoverSample Sample, TimedConsole Console)> RunAsync(int round, CordouandNode victim, TimedConsole console, CancellationToken cancellationToken)
    {
        var survivor = pair.Other(victim);
        var api = pair.Api(survivor);
        if (QemuProcesses.Of(survivor, vmid).Count > 0 || QemuProcesses.Of(victim, vmid).Count == 0)
        {
            throw new InvalidOperationException($"round {round}: VM {vmid} expected on {victim.NodeName} only (QEMUs: {victim.NodeName} {QemuProcesses.Of(victim, vmid).Count}, {survivor.NodeName} {QemuProcesses.Of(survivor, vmid).Count})");
        }
        var manager = await ManagerAsync(api, cancellationToken);
        var etcdLeader = await EtcdLeaderAsync(api, cancellationToken);
        var known = await FailoverTask.ListAsync(api, cancellationToken);
        await GuestBeats.FreshAsync(console, BeatingTimeout, cancellationToken);

        using var failover = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        failover.CancelAfter(options.FailoverTimeout);
        // Armed before the kill; every figure is counted from the moment just before it.
        var owner = new OwnerProbe(options, api).WaitForAsync(vmid, survivor.NodeName, options.FailoverTimeout, failover.Token);
        var qemu = QemuProcesses.WaitForAsync(survivor, vmid, options.QemuPoll, options.FailoverTimeout, failover.Token);
        var boot = BootAsync(survivor, failover.Token);
        var killedAt = Stopwatch.GetTimestamp();
        TimedConsole? handedOver = null;
        try
        {
            await victim.Host!.KillProcessesAsync(cancellationToken);
            var lastBefore = GuestBeats.Last(console);
            var ownedAt = await owner;
            var qemuAt = await qemu;
            var (newConsole, firstBeat) = await boot;
            var task = await FailoverTask.WaitForNewAsync(api, known, victim.NodeName, TaskTimeout, cancellationToken);
            var sample = new FailoverSample
            {
                Round = round,
                Killed = victim.NodeName,
                Survivor = survivor.NodeName,
                Manager = manager,
                EtcdLeader = etcdLeader,
                OwnerMs = Ms(killedAt, ownedAt),
                QemuMs = Ms(killedAt, qemuAt),
                HeartbeatMs = Ms(killedAt, firstBeat.Timestamp),
                FenceWaitMs = task.FenceWaitMs,
                RecoveryMs = task.RecoveryMs,
                TaskUpid = task.Upid,
                LastBeatBefore = lastBefore,
                FirstBeatAfter = firstBeat.Heartbeat!.Value,
            };
            Report(sample);
            sample = sample with { RejoinMs = await RejoinAsync(victim, survivor, cancellationToken) };
            handedOver = newConsole;
            return (sample, newConsole);
        }
        catch (OperationCanceledException) when (failover.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"round {round}: VM {vmid} not beating on {survivor.NodeName} within {options.FailoverTimeout.TotalSeconds:0} s of {victim.NodeName}'s power loss");
        }
        finally
        {
            // Whatever failed, no probe outlives the round, nor a console the caller does not get.
            await failover.CancelAsync();
            await Task.WhenAll(owner, qemu, boot).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (handedOver is null && boot.IsCompletedSuccessfully)
            {
                await (await boot).Console.DisposeAsync();
            }
        }
    }

    /// <summary>Connects to the survivor's console of the VM as soon as it exists and waits for the guest's first heartbeat there.</summary>
    private async Task<(TimedConsole Console, TimedLine FirstBeat)> BootAsync(CordouandNode survivor, CancellationToken cancellationToken)
    {
        // A stale socket file of an earlier run there refuses connections: the retry goes on until the new QEMU listens.
        var console = await TimedConsole.ConnectAsync(survivor.SerialSocket(vmid), options.FailoverTimeout, cancellationToken);
        try
        {
            return (console, await GuestBeats.FirstAsync(console, options.FailoverTimeout, cancellationToken));
        }
        catch
        {
            await console.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the killed node again, waits until it reports the cluster quorate and HA is at rest; returns start → quorate.</summary>
    private async Task<double> RejoinAsync(CordouandNode victim, CordouandNode survivor, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        await pair.RestartAsync(victim, options.RejoinTimeout, cancellationToken);
        var quorate = await new QuorumProbe(new ClusterBenchOptions { QuorumTimeout = options.RejoinTimeout }, pair.Api(victim)).WaitForAsync(true, start, cancellationToken);
        if (!quorate.Reached)
        {
            throw new TimeoutException($"{victim.NodeName} not quorate within {options.RejoinTimeout.TotalSeconds:0} s of its restart");
        }
        await HaSettled.WaitAsync(pair.Api(survivor), vmid, survivor.NodeName, [.. pair.Hypervisors.Select(n => n.NodeName)], options.RejoinTimeout, cancellationToken);
        // Back in the cluster, the killed node must not start the VM it lost: never two runs.
        if (QemuProcesses.Of(victim, vmid).Count > 0)
        {
            throw new InvalidOperationException($"VM {vmid} runs again on {victim.NodeName} after its restart while {survivor.NodeName} owns it");
        }
        progress(string.Create(CultureInfo.InvariantCulture, $"{victim.NodeName} restarted: quorate after {quorate.Elapsed.TotalSeconds:0.0} s, HA at rest after {Stopwatch.GetElapsedTime(start).TotalSeconds:0.0} s"));
        return quorate.Elapsed.TotalMilliseconds;
    }

    private void Report(FailoverSample s) => progress(string.Create(CultureInfo.InvariantCulture,
        $"round {s.Round}: {s.Killed} killed (HA manager {s.Manager ?? "none"}, etcd leader {s.EtcdLeader ?? "none"}) → {s.Survivor} owns VM {vmid} at {s.OwnerMs / 1000:0.00} s, QEMU at {s.QemuMs / 1000:0.00} s, first HB at {s.HeartbeatMs / 1000:0.00} s "
        + $"(detect {s.DetectMs / 1000:0.00} + fence {s.FenceMs / 1000:0.00} + recover {s.RecoverMs / 1000:0.00} + restart {s.RestartMs / 1000:0.00} + boot {s.BootMs / 1000:0.00} s); "
        + $"HB {s.LastBeatBefore} → {s.FirstBeatAfter}{(s.CounterWentOn ? "" : " NOT continuous")}"));

    /// <summary>The elected HA manager's node, or null when none is.</summary>
    private static async Task<string?> ManagerAsync(PveHttp api, CancellationToken cancellationToken) =>
        (await api.GetAsync("/cluster/ha/status/current", cancellationToken)).EnsureOk().Data!.AsArray().OfType<JsonNode>()
            .FirstOrDefault(i => i["type"]?.GetValue<string>() == "master")?["node"]?.GetValue<string>();

    /// <summary>The node whose etcd member leads, as <c>/cluster/status</c> shows it, or null.</summary>
    private static async Task<string?> EtcdLeaderAsync(PveHttp api, CancellationToken cancellationToken) =>
        (await api.GetAsync("/cluster/status", cancellationToken)).EnsureOk().Data!.AsArray().OfType<JsonNode>()
            .FirstOrDefault(i => i["type"]?.GetValue<string>() == "node" && i["leader"]?.GetValue<int>() == 1)?["name"]?.GetValue<string>();

    private static double Ms(long from, long to) => Stopwatch.GetElapsedTime(from, to).TotalMilliseconds;
}
