using System.Globalization;
using Cordouan.Scenarios.Measurement;
using Cordouan.Scenarios.Reporting;

namespace Cordouan.Scenarios.Failover;

public sealed partial class FailoverScenario
{
    private const string Baseline = "plain start of the same VM through the API, no HA (POST …/status/start → first HB on n1), same lab, after one untimed start/stop";

    private IReadOnlyList<ScenarioResult> Results(FailoverRun run)
    {
        var (options, samples, baseline) = run;
        if (samples.Count == 0)
        {
            return [Row("plain start only (no failover measured)", baseline, null, null, "every failover round failed (see the failure)")];
        }
        var total = Ms(samples, s => s.HeartbeatMs);
        var setup = Invariant($"{samples.Count} power loss(es) alternating n1/n2 (witness w keeps quorum), test guest 160 MiB TCG on {Storage}; lease TTL 5 s, fencing margin 2 s");
        return
        [
            Row("power loss → first HB elsewhere", total, baseline, Goal.ValueAtMost(FailoverBenchOptions.GoalMedianMs, RatioBasis.Median),
                Invariant($"per round {Values(samples, s => s.HeartbeatMs)} ms; median {total.Median / 1000:0.0} s, max {total.Max / 1000:0.0} s (Proxmox about {FailoverBenchOptions.ProxmoxMs / 1000:0} s); ")
                + $"ratio = failover / plain start; guest disk counter went on in {samples.Count(s => s.CounterWentOn)}/{samples.Count} rounds; killed node was the HA manager in {samples.Count(s => s.Manager == s.Killed)}/{samples.Count}, the etcd leader in {samples.Count(s => s.EtcdLeader == s.Killed)}/{samples.Count}; {setup}"),
            Row("  detect (kill → lease loss seen)", Ms(samples, s => s.DetectMs), null, null,
                Invariant($"(kill → VM owned by the survivor, its API polled every {options.OwnerPoll.TotalMilliseconds:0} ms) − the hafailover task's recovery_ms; per round {Values(samples, s => s.DetectMs)} ms")),
            Row("  fence (margin + manager pass)", Ms(samples, s => s.FenceMs), null, null,
                $"the hafailover task's fence_wait_ms ({(onRbd ? "Ceph blocklist of the VM's disk clients, then the 2 s margin" : "2 s margin for the dead node's self-fence")} + the manager's next pass); per round {Values(samples, s => s.FenceMs)} ms"),
            Row("  recover (owner moved in etcd)", Ms(samples, s => s.RecoverMs), null, null,
                $"recovery_ms − fence_wait_ms: the recovery transaction; per round {Values(samples, s => s.RecoverMs)} ms"),
            Row("  restart (owner moved → QEMU)", Ms(samples, s => s.RestartMs), null, null,
                Invariant($"QEMU seen in /proc (every {options.QemuPoll.TotalMilliseconds:0} ms) − owner seen; the survivor's local manager claims and starts it (it looks every second); per round {Values(samples, s => s.RestartMs)} ms")),
            Row("  boot (QEMU → first HB)", Ms(samples, s => s.BootMs), null, null,
                $"the guest's TCG boot to its first heartbeat on the survivor's console (connected as soon as it listens, GUEST-UP seen first); per round {Values(samples, s => s.BootMs)} ms"),
            Row("killed node back → quorate", Ms(samples, s => s.RejoinMs), null, null,
                $"cordouand started on its data after the failover, its /cluster/status polled every 100 ms; per round {Values(samples, s => s.RejoinMs)} ms"),
        ];
    }

    private void PrintHeadline(FailoverRun run)
    {
        var (_, samples, baseline) = run;
        var total = Ms(samples, s => s.HeartbeatMs);
        context.Progress(Invariant(
            $"failover over {samples.Count} rounds: median {total.Median / 1000:0.00} s, max {total.Max / 1000:0.00} s (goal ≤ {FailoverBenchOptions.GoalMedianMs / 1000:0} s median: {(total.Median <= FailoverBenchOptions.GoalMedianMs ? "met" : "NOT met")}; Proxmox about {FailoverBenchOptions.ProxmoxMs / 1000:0} s)"));
        context.Progress(Invariant(
            $"split (medians): detect {Ms(samples, s => s.DetectMs).Median / 1000:0.00} s, fence {Ms(samples, s => s.FenceMs).Median / 1000:0.00} s, recover {Ms(samples, s => s.RecoverMs).Median / 1000:0.00} s, restart {Ms(samples, s => s.RestartMs).Median / 1000:0.00} s, boot {Ms(samples, s => s.BootMs).Median / 1000:0.00} s"));
        context.Progress(Invariant(
            $"plain start (no HA): median {baseline.Median / 1000:0.00} s; failover / plain start = {total.Median / baseline.Median:0.00}× (medians)"));
    }

    private string Storage => onRbd ? "an rbd storage (storage-fenced: Ceph blocklist before recovery)" : "a shared dir storage";

    private ScenarioResult Row(string metric, Summary measured, Summary? baseline, Goal? goal, string note) => new()
    {
        Scenario = Name,
        Metric = metric,
        Unit = "ms",
        Measured = measured,
        Baseline = baseline is null ? null : FailoverScenario.Baseline,
        BaselineMeasured = baseline,
        Goal = goal,
        Note = note,
    };

    private static Summary Ms(IReadOnlyList<FailoverSample> samples, Func<FailoverSample, double> pick) => Summary.Of([.. samples.Select(pick)]);

    private static string Values(IReadOnlyList<FailoverSample> samples, Func<FailoverSample, double> pick) =>
        string.Join("/", samples.Select(s => pick(s).ToString("0", CultureInfo.InvariantCulture)));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
