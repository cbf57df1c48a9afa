using System.Globalization;
using Cordouan.Scenarios.Measurement;
using Cordouan.Scenarios.Reporting;

namespace Cordouan.Scenarios.ClusterMembership;

public sealed partial class ClusterMembershipScenario
{
    private const string WriteBaseline = "the same PUT on the standalone node (own single-member etcd, same lab), interleaved in the same loop";

    private IReadOnlyList<ScenarioResult> Results(ClusterRun run)
    {
        var load = Invariant($"load avg {run.LoadBefore} → {run.LoadAfter}");
        var writes = Invariant($"{run.OwnerWrites.Count} sequential writes per series, round-robin over the 3 series after {_options.WarmUpWrites} untimed; VMs defined without disks, never started; {load}")
            + (run.WritesCutShort ? Invariant($"; loop stopped by its {_options.WritesBudget.TotalSeconds:0} s budget") : "");
        return
        [
            .. run.Joins.Select(join => Join(run, join, load)),
            Write($"PUT config on owner {Owner} (3 nodes)", run.OwnerWrites, run.StandaloneWrites, writes),
            Write($"PUT config via {Proxy}, proxied to {Owner}", run.ProxiedWrites, run.StandaloneWrites, writes),
            QuorumLost(run),
            QuorumRegained(run),
        ];
    }

    private ScenarioResult Join(ClusterRun run, JoinTiming join, string load) => new()
    {
        Scenario = Name,
        Metric = $"join {join.Node}: POST → task OK + online on {Owner}",
        Unit = "s",
        Measured = Summary.Of([join.Total.TotalSeconds]),
        Baseline = "cold start of a standalone cordouand in the same lab (launch → GET /version answers, polled every 250 ms), 4 nodes",
        BaselineMeasured = run.Starts,
        Goal = Goal.ValueAtMost(ClusterBenchOptions.JoinGoalSeconds, RatioBasis.Max),
        Note = Invariant($"task OK after {join.TaskOk.TotalSeconds:0.00} s, online in {Owner}'s /cluster/status after {join.Online.TotalSeconds:0.00} s; ")
            + Invariant($"its API gave no answer for {join.Outage.Total.TotalSeconds:0.00} s in {join.Outage.Windows} window(s), {join.Outage.FailedPolls} failed poll(s) (services restarting; polled every {_options.PollInterval.TotalMilliseconds:0} ms, {_options.JoinRequestTimeout.TotalSeconds:0} s per request); ")
            + Invariant($"joined through {Owner}; cluster created on {Owner} in {run.ClusterCreate.TotalSeconds:0.00} s; {load}"),
    };

    private ScenarioResult QuorumLost(ClusterRun run) => new()
    {
        Scenario = Name,
        Metric = $"isolate {Minority} → {Minority} says quorate=0",
        Unit = "s",
        Measured = Summary.Of([.. run.Rounds.Select(r => r.Lost.Elapsed.TotalSeconds)]),
        Goal = Goal.ValueAtMost(ClusterBenchOptions.QuorumLossGoalSeconds, RatioBasis.Max),
        Note = Invariant($"rounds: {Rounds(run.Rounds, r => r.Lost)}; from the start of IsolateAsync, an upper bound (its ip neigh commands took {Commands(run.Rounds, r => r.IsolateCommands)}); ")
            + Invariant($"GET /cluster/status on {Minority} started every {_options.PollInterval.TotalMilliseconds:0} ms without waiting for hung ones, {_options.QuorumRequestTimeout.TotalSeconds:0} s per request; lab {run.Subnet}, bench keeps access to {Minority}"),
    };

    private static ScenarioResult QuorumRegained(ClusterRun run) => new()
    {
        Scenario = Name,
        Metric = $"heal → {Minority} says quorate=1",
        Unit = "s",
        Measured = Summary.Of([.. run.Rounds.Select(r => r.Regained.Elapsed.TotalSeconds)]),
        Note = Invariant($"rounds: {Rounds(run.Rounds, r => r.Regained)}; from the start of HealAllAsync (its commands took {Commands(run.Rounds, r => r.HealCommands)}); ")
            + Invariant($"{Minority} online again in {Owner}'s /cluster/status after {string.Join(", ", run.Rounds.Select(r => Invariant($"{r.OnlineOnFounder.TotalSeconds:0.00}")))} s"),
    };

    private void PrintHeadlines(ClusterRun run)
    {
        foreach (var join in run.Joins)
        {
            context.Progress(Invariant($"join {join.Node} = {join.Total.TotalSeconds:0.00} s (goal ≤ {ClusterBenchOptions.JoinGoalSeconds:0} s; task OK {join.TaskOk.TotalSeconds:0.00} s, API unreachable {join.Outage.Total.TotalSeconds:0.00} s); cold start median {run.Starts.Median:0.00} s"));
        }
        foreach (var (label, series) in new[] { ($"owner {Owner}", run.OwnerWrites), ($"via {Proxy}", run.ProxiedWrites) })
        {
            context.Progress(Invariant($"PUT config {label}: p50 {series.Median:0.0} ms, p99 {series.P99:0.0} ms; standalone p50 {run.StandaloneWrites.Median:0.0} ms, p99 {run.StandaloneWrites.P99:0.0} ms; ratio p50 {series.Median / run.StandaloneWrites.Median:0.00}, p99 {series.P99 / run.StandaloneWrites.P99:0.00}"));
        }
        context.Progress(Invariant($"quorate=0 on isolated {Minority}: max {run.Rounds.Max(r => r.Lost.Elapsed.TotalSeconds):0.00} s (goal ≤ {ClusterBenchOptions.QuorumLossGoalSeconds:0} s; {Rounds(run.Rounds, r => r.Lost)}); quorate=1 after heal: max {run.Rounds.Max(r => r.Regained.Elapsed.TotalSeconds):0.00} s ({Rounds(run.Rounds, r => r.Regained)})"));
        context.Progress($"load average before {run.LoadBefore}, after {run.LoadAfter}");
    }

    private static ScenarioResult Write(string metric, Summary measured, Summary baseline, string note) => new()
    {
        Scenario = Name,
        Metric = metric,
        Unit = "ms",
        Measured = measured,
        Baseline = WriteBaseline,
        BaselineMeasured = baseline,
        Note = Invariant($"ratio of p99s {measured.P99 / baseline.P99:0.00}; ") + note,
    };

    private static string Rounds(IReadOnlyList<PartitionRound> rounds, Func<PartitionRound, QuorumTransition> pick) =>
        string.Join(", ", rounds.Select(r => pick(r) is var t && t.Reached
            ? Invariant($"{t.Elapsed.TotalSeconds:0.00} s ({t.TimedOut} request(s) timed out)")
            : Invariant($"not within {t.Elapsed.TotalSeconds:0} s")));

    private static string Commands(IReadOnlyList<PartitionRound> rounds, Func<PartitionRound, TimeSpan> pick) =>
        string.Join("/", rounds.Select(r => Invariant($"{pick(r).TotalMilliseconds:0}"))) + " ms";
}
