using System.Globalization;
using Cordouan.Scenarios.Measurement;
using Cordouan.Scenarios.Reporting;
using Cordouan.Testing.Daemon;

namespace Cordouan.Scenarios.ScaleSimulation;

public sealed partial class ScaleSimulationScenario
{
    private const double ResourcesP99GoalMs = 50;
    private const string BeforeBaseline = "the same process before the simulated nodes and VMs";

    private static string DaemonBuild => RepoPaths.Cordouand.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";

    private IReadOnlyList<ScenarioResult> Results(ScaleRun run)
    {
        var idle = run.Idle;
        // Per node the rate is tiny: per minute keeps it readable in a one-decimal table.
        var perNodePerMinute = idle.WritesPerSecond.Select(w => w * 60 / run.Nodes).ToList();
        return
        [
            new()
            {
                Scenario = Name,
                Metric = "GET /cluster/resources",
                Unit = "ms",
                Measured = run.Gets.Resources,
                Baseline = "GET /version, interleaved in the same loop",
                BaselineMeasured = run.Gets.Version,
                RatioBasis = RatioBasis.P99,
                Goal = Goal.ValueAtMost(ResourcesP99GoalMs, RatioBasis.P99),
                Note = ResourcesNote(run),
            },
            new()
            {
                Scenario = Name,
                Metric = "idle etcd writes/s, whole cluster",
                Unit = "w/s",
                Measured = Summary.Of(idle.WritesPerSecond),
                Note = IdleNote(run),
            },
            new()
            {
                Scenario = Name,
                Metric = "idle etcd writes/min per node",
                Unit = "w/min",
                Measured = Summary.Of(perNodePerMinute),
                Note = Invariant($"whole-cluster rate / {run.Nodes} nodes; the simulated agents write nothing while idle (keep-alives only), so this is cordouand's own rate spread over the nodes"),
            },
            Memory("cordouand VmRSS", run.After.DaemonRss, run.Before.DaemonRss,
                Invariant($"peak (VmHWM) {run.After.DaemonPeakRss:0} MB, after the GET loop and the idle window; {DaemonBuild} build")),
            Memory("etcd (child) VmRSS", run.After.EtcdRss, run.Before.EtcdRss, null),
            AgainstProxmoxCap("etcd DB size", run.After.DbTotalMiB, DbNote(run)),
            AgainstProxmoxCap("documents in etcd (keys + values)", run.DocumentBytes / 1048576.0,
                "everything under /cordouan/v1/: what a file system like pmxcfs would have to hold"),
        ];
    }

    private void PrintHeadlines(ScaleRun run)
    {
        var gets = run.Gets.Resources;
        context.Progress(Invariant($"cluster/resources p99 = {gets.P99:0.0} ms (goal ≤ {ResourcesP99GoalMs:0} ms; p50 {gets.Median:0.0}, p95 {gets.P95:0.0}, n = {gets.Count}) with {run.Listing.Vms} VMs on {run.Nodes} nodes"));
        context.Progress(Invariant($"idle etcd writes = {run.Idle.Revisions / run.Idle.Window.TotalSeconds:0.00}/s total, {run.Idle.Revisions / run.Idle.Window.TotalSeconds * 60 / run.Nodes:0.00}/min per node; lease keep-alives {run.Idle.RateOf(EtcdMetrics.LeasesRenewed):0.0}/s (not writes)"));
        context.Progress(Invariant($"RSS cordouand = {run.After.DaemonRss:0} MB (before {run.Before.DaemonRss:0}), etcd = {run.After.EtcdRss:0} MB (before {run.Before.EtcdRss:0})"));
        context.Progress(Invariant($"etcd DB = {run.After.DbTotalMiB:0.0} MiB = {run.After.DbTotalMiB / ScaleOptions.ProxmoxConfigCapMiB:0.000} × Proxmox's 128 MiB pmxcfs cap; documents {run.DocumentBytes / 1048576.0:0.0} MiB = {run.DocumentBytes / 1048576.0 / ScaleOptions.ProxmoxConfigCapMiB:0.000} × cap"));
    }

    private string ResourcesNote(ScaleRun run)
    {
        var note = Invariant($"{run.Listing.Vms} VMs on {run.Nodes} nodes ({run.Nodes - 1} simulated, {run.Listing.NodesOnline} online), {run.Gets.BodyBytes / 1024.0:0} KiB body; ")
            + Invariant($"cordouand {DaemonBuild} build; VM documents written in {run.WriteTime.TotalSeconds:0.0} s, all listed {run.SettleTime.TotalSeconds:0.0} s later");
        return run.Gets.Resources.Count < _options.ResourcesGets
            ? note + Invariant($"; loop stopped by its budget after {run.Gets.Resources.Count} GETs")
            : note;
    }

    private static string IdleNote(ScaleRun run)
    {
        var idle = run.Idle;
        var prefixes = idle.KeysByPrefix.Count == 0
            ? "none"
            : string.Join(", ", idle.KeysByPrefix.Select(p => Invariant($"{p.Key} {p.Value}")));
        return Invariant($"{idle.Revisions} write transactions (etcd revisions) in {idle.Window.TotalSeconds:0} s; ")
            + Invariant($"keys put {idle.After.Since(idle.Before, EtcdMetrics.Puts):0}, deleted {idle.After.Since(idle.Before, EtcdMetrics.Deletes):0}; keys written by prefix: {prefixes}")
            + (idle.ReplayComplete ? "" : " (some revisions were outside /cordouan/v1/)")
            + Invariant($"; raft proposals {idle.RateOf(EtcdMetrics.ProposalsCommitted):0.00}/s, WAL fsyncs {idle.RateOf(EtcdMetrics.WalFsyncs):0.00}/s; ")
            + Invariant($"lease keep-alives {idle.RateOf(EtcdMetrics.LeasesRenewed):0.0}/s ({run.Nodes} leases, TTL {SimulatedNode.LeaseTtl.TotalSeconds:0} s, every TTL/3) are not writes: no revision, no raft entry, no fsync; ")
            + Invariant($"liveness leases lost during the run: {run.LeaseLosses}");
    }

    private static string DbNote(ScaleRun run)
    {
        var quota = run.After.QuotaMiB is { } q ? Invariant($"; etcd quota here {q:0} MiB") : "";
        return Invariant($"etcd_mvcc_db_total_size_in_bytes; {run.Before.DbTotalMiB:0.00} MiB before the simulation, in use now {run.After.DbInUseMiB:0.0} MiB; ")
            + "the file also keeps history until the next compaction (periodic, 1 h)" + quota;
    }

    /// <summary>A size with Proxmox's documented 128 MiB cap as the baseline, so the ratio column is the share of the cap.</summary>
    private static ScenarioResult AgainstProxmoxCap(string metric, double mebibytes, string note) => new()
    {
        Scenario = Name,
        Metric = metric,
        Unit = "MiB",
        Measured = Summary.Of([mebibytes]),
        Baseline = "Proxmox's documented pmxcfs (/etc/pve) cap of 128 MiB, a constant, not measured",
        BaselineMeasured = Summary.Of([ScaleOptions.ProxmoxConfigCapMiB]),
        Goal = Goal.ValueAtMost(ScaleOptions.ProxmoxConfigCapMiB, RatioBasis.Median),
        Note = note,
    };

    private static ScenarioResult Memory(string metric, double after, double before, string? note) => new()
    {
        Scenario = Name,
        Metric = metric,
        Unit = "MB",
        Measured = Summary.Of([after]),
        Baseline = BeforeBaseline,
        BaselineMeasured = Summary.Of([before]),
        Note = note,
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
