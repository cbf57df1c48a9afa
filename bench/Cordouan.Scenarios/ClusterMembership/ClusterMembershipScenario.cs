using System.Diagnostics;
using System.Globalization;
using Cordouan.Scenarios.Infrastructure;
using Cordouan.Scenarios.Measurement;
using Cordouan.Scenarios.Reporting;
using Cordouan.Testing.Daemon;

namespace Cordouan.Scenarios.ClusterMembership;

/// <summary>
/// Issue 4, cluster membership: four real cordouand nodes, each in its own network namespace of a lab built by the
/// bench (n1, n2, n3 and a standalone node that never joins). Times the join of n2 and n3 (POST → task OK and
/// node online on n1), sequential config writes on the owner and through a proxying node against the standalone
/// node, and how fast an isolated n3 reports "not quorate" and becomes quorate again after the heal.
/// Only lab addresses (10.213.&lt;lab&gt;.x) are used; every node and namespace is removed at the end, even on failure.
/// </summary>
public sealed partial class ClusterMembershipScenario(BenchContext context)
{
    private const string Name = "cluster";
    private const string ClusterName = "bench";
    private const string Owner = "n1";
    private const string Proxy = "n2";
    private const string Minority = "n3";
    private const string Standalone = "solo";
    private static readonly TimeSpan ScenarioTimeout = TimeSpan.FromMinutes(6);
    private static readonly TimeSpan TaskPoll = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan TaskTimeout = TimeSpan.FromMinutes(2);
    private readonly ClusterBenchOptions _options = new();

    public async Task<IReadOnlyList<ScenarioResult>> RunAsync(CancellationToken cancellationToken)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(ScenarioTimeout);
        try
        {
            return await MeasureAsync(bound.Token);
        }
        catch (OperationCanceledException) when (bound.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"scenario {Name} not done within {ScenarioTimeout.TotalMinutes:0} min (its nodes and lab were removed)");
        }
    }

    private async Task<IReadOnlyList<ScenarioResult>> MeasureAsync(CancellationToken ct)
    {
        var loadBefore = LoadAverage.Read();
        context.Progress($"load average {loadBefore}; building a network lab for {Owner}, {Proxy}, {Minority} and {Standalone}");
        await using var cluster = await BenchCluster.CreateAsync(context.Progress, ct);
        var starts = new Samples();
        var nodes = new Dictionary<string, CordouandNode>();
        foreach (var name in new[] { Owner, Proxy, Minority, Standalone })
        {
            var (node, started) = await cluster.StartNodeAsync(name, ct);
            nodes[name] = node;
            starts.Add(started);
            context.Progress(Invariant($"{name} started at {node.Address}, answering after {started.TotalSeconds:0.0} s"));
        }
        // The founding node's administrator becomes the cluster's: every node is then logged into with its password.
        var password = nodes[Owner].AdminPassword;
        var created = await CreateClusterAsync(nodes[Owner], password, ct);
        using var owner = await BenchCluster.AdminAsync(nodes[Owner], password, ct);
        var joiner = new JoinTimer(_options, nodes[Owner], owner, password);
        var joins = new List<JoinTiming>();
        foreach (var name in new[] { Proxy, Minority })
        {
            var join = await joiner.JoinAsync(nodes[name], ct);
            joins.Add(join);
            context.Progress(Invariant($"join {name}: task OK {join.TaskOk.TotalSeconds:0.00} s, online on {Owner} {join.Online.TotalSeconds:0.00} s, API unreachable {join.Outage.Total.TotalSeconds:0.00} s: {Describe(join.Outage)}"));
        }

        using var proxy = await BenchCluster.AdminAsync(nodes[Proxy], password, ct);
        using var minority = await BenchCluster.AdminAsync(nodes[Minority], password, ct);
        using var standalone = await BenchCluster.AdminAsync(nodes[Standalone], nodes[Standalone].AdminPassword, ct);
        await CreateVmAsync(owner, Owner, 101, ct);
        await CreateVmAsync(owner, Owner, 102, ct);
        await CreateVmAsync(standalone, Standalone, 101, ct);
        context.Progress($"timing {_options.Writes} config writes per series (budget {_options.WritesBudget.TotalSeconds:0} s)");
        var (writes, cutShort) = await new ConfigWriteTimer(_options, context.Progress).RunAsync(
        [
            new WriteTarget("owner", owner, $"/nodes/{Owner}/qemu/101/config"),
            new WriteTarget("proxied", proxy, $"/nodes/{Owner}/qemu/102/config"),
            new WriteTarget("standalone", standalone, $"/nodes/{Standalone}/qemu/101/config"),
        ], ct);

        var partitions = new PartitionTimer(_options, cluster.Lab, nodes[Minority].Host!, minority, owner, Minority);
        var rounds = new List<PartitionRound>();
        for (var round = 1; round <= _options.PartitionRounds; round++)
        {
            var result = await partitions.RunRoundAsync(round, ct);
            rounds.Add(result);
            context.Progress(Invariant($"partition {round}: quorate=0 after {Describe(result.Lost)}; healed: quorate=1 after {Describe(result.Regained)}, online on {Owner} after {result.OnlineOnFounder.TotalSeconds:0.00} s"));
        }

        var run = new ClusterRun
        {
            Starts = Summary.Of([.. starts.Values.Select(ms => ms / 1000)]),
            ClusterCreate = created,
            Joins = joins,
            OwnerWrites = writes[0].Summarize(),
            ProxiedWrites = writes[1].Summarize(),
            StandaloneWrites = writes[2].Summarize(),
            WritesCutShort = cutShort,
            Rounds = rounds,
            LoadBefore = loadBefore,
            LoadAfter = LoadAverage.Read(),
            Subnet = cluster.Lab.Subnet,
        };
        PrintHeadlines(run);
        context.Progress("stopping the four nodes and removing the network lab");
        return Results(run);
    }

    private static async Task<TimeSpan> CreateClusterAsync(CordouandNode founder, string password, CancellationToken cancellationToken)
    {
        using var api = await BenchCluster.AdminAsync(founder, password, cancellationToken);
        var start = Stopwatch.GetTimestamp();
        await TaskPoller.RunOkAsync(api, HttpMethod.Post, "/cluster/config", new() { ["clustername"] = ClusterName }, TaskPoll, TaskTimeout, cancellationToken);
        return Stopwatch.GetElapsedTime(start);
    }

    /// <summary>A VM with memory only (no disk, never started): the writes only touch its config document.</summary>
    private static Task CreateVmAsync(PveHttp api, string node, int vmid, CancellationToken cancellationToken) =>
        TaskPoller.RunOkAsync(api, HttpMethod.Post, $"/nodes/{node}/qemu", new()
        {
            ["vmid"] = vmid.ToString(CultureInfo.InvariantCulture),
            ["memory"] = "64",
            ["name"] = $"bench{vmid}",
        }, TaskPoll, TaskTimeout, cancellationToken);

    private static string Describe(QuorumTransition transition) => transition.Reached
        ? Invariant($"{transition.Elapsed.TotalSeconds:0.00} s ({transition.Polls} polls, {transition.TimedOut} timed out)")
        : Invariant($"NOT within {transition.Elapsed.TotalSeconds:0} s ({transition.Polls} polls, {transition.TimedOut} timed out, {transition.Failed} failed)");

    private static string Describe(ApiOutage outage) =>
        Invariant($"{outage.Windows} window(s), {outage.FailedPolls} failed poll(s), longest {outage.LongestFailedPoll.TotalSeconds:0.00} s; ")
        + (outage.Errors.Count == 0 ? "no failure" : string.Join(" | ", outage.Errors));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
