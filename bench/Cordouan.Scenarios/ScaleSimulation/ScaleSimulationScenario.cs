using System.Diagnostics;
using System.Globalization;
using Cordouan.Cluster.Etcd;
using Cordouan.Core.Cluster;
using Cordouan.Scenarios.Measurement;
using Cordouan.Scenarios.Reporting;

namespace Cordouan.Scenarios.ScaleSimulation;

/// <summary>
/// Issue 4: the one real cordouand plus 100 simulated node agents (node document, lease-bound liveness key) and
/// 10,000 VM documents in its etcd. Times <c>GET /cluster/resources</c>, samples etcd's idle write rate and reads the
/// memory of cordouand and etcd and etcd's database size, against Proxmox's 128 MiB pmxcfs cap.
/// Everything it wrote is removed at the end, so scenarios after it see the node as before.
/// </summary>
public sealed partial class ScaleSimulationScenario(BenchContext context)
{
    private const string Name = "scale";
    private static readonly TimeSpan CleanupTimeout = TimeSpan.FromSeconds(60);
    private readonly ScaleOptions _options = new();

    public async Task<IReadOnlyList<ScenarioResult>> RunAsync(CancellationToken cancellationToken)
    {
        var etcdUrl = new Uri($"http://127.0.0.1:{context.Node.EtcdClientPort.ToString(CultureInfo.InvariantCulture)}");
        var etcd = new EtcdClientOptions { Endpoints = [etcdUrl.ToString()] };
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false });
        using var store = new EtcdClusterStore(etcd, TimeProvider.System, new ProgressLogger<EtcdClusterStore>(context));
        var before = await Footprint.TakeAsync(context, http, etcdUrl, cancellationToken);
        var existing = await ClusterListing.ReadAsync(context, cancellationToken);
        var vmids = Enumerable.Range(0, _options.Vms).Select(_ => context.NextVmId()).ToList();
        var vms = new SimulatedVms(store);
        SimulatedCluster? cluster = null;
        var writing = false;
        try
        {
            var start = Stopwatch.GetTimestamp();
            cluster = await SimulatedCluster.StartAsync(context, etcd, _options.SimulatedNodes, _options.StartParallelism, cancellationToken);
            context.Progress(string.Create(CultureInfo.InvariantCulture,
                $"{cluster.Nodes.Count} simulated nodes alive in {Stopwatch.GetElapsedTime(start).TotalSeconds:0.0} s (lease TTL {SimulatedNode.LeaseTtl.TotalSeconds:0} s, keep-alive every TTL/3)"));

            start = Stopwatch.GetTimestamp();
            writing = true;
            var bytes = await vms.WriteAsync(vmids, [.. cluster.Nodes.Select(n => n.Name)], _options.BatchSize, _options.WriteParallelism, cancellationToken);
            var writeTime = Stopwatch.GetElapsedTime(start);
            context.Progress(string.Create(CultureInfo.InvariantCulture,
                $"wrote {vmids.Count} VM documents ({bytes / 1024.0 / 1024.0:0.0} MiB) in {writeTime.TotalSeconds:0.0} s, {_options.BatchSize} per transaction"));

            start = Stopwatch.GetTimestamp();
            var listing = await ClusterListing.WaitForAsync(
                context, existing.Vms + vmids.Count, existing.NodesOnline + cluster.Nodes.Count, _options.SettleTimeout, cancellationToken);
            var settleTime = Stopwatch.GetElapsedTime(start);
            context.Progress(string.Create(CultureInfo.InvariantCulture,
                $"cordouand lists {listing.Vms} VMs and {listing.NodesOnline} nodes online {settleTime.TotalSeconds:0.0} s after the last write"));

            var gets = await TimeResourcesAsync(cancellationToken);
            context.Progress(string.Create(CultureInfo.InvariantCulture, $"idle for {_options.IdleWindow.TotalSeconds:0} s, sampling etcd's revision every second"));
            var idle = await new IdleWriteSampler(store, http, etcdUrl).SampleAsync(_options.IdleWindow, cancellationToken);
            var after = await Footprint.TakeAsync(context, http, etcdUrl, cancellationToken);
            var documents = await DocumentBytesAsync(store, cancellationToken);
            var run = new ScaleRun(listing, cluster.Nodes.Count + 1, cluster.LeaseLosses, writeTime, settleTime, gets, idle, before, after, documents);
            PrintHeadlines(run);
            return Results(run);
        }
        finally
        {
            await CleanUpAsync(cluster, writing ? vms : null, vmids);
        }
    }

    /// <summary>Sequential GETs on one connection, <c>/version</c> interleaved as the baseline (as the resources scenario does).</summary>
    private async Task<ResourceGets> TimeResourcesAsync(CancellationToken cancellationToken)
    {
        for (var i = 0; i < _options.WarmUpGets; i++)
        {
            await context.Raw.GetAsync("/cluster/resources", cancellationToken);
            await context.Raw.GetAsync("/version", cancellationToken);
        }
        context.Progress($"timing up to {_options.ResourcesGets} GET /cluster/resources (budget {_options.ResourcesBudget.TotalSeconds:0} s)");
        var resources = new Samples();
        var version = new Samples();
        var bodyBytes = 0;
        var loop = Stopwatch.GetTimestamp();
        for (var i = 0; i < _options.ResourcesGets && Stopwatch.GetElapsedTime(loop) < _options.ResourcesBudget; i++)
        {
            version.Add((await context.Raw.GetAsync("/version", cancellationToken)).Elapsed);
            var (elapsed, body) = await context.Raw.GetAsync("/cluster/resources", cancellationToken);
            resources.Add(elapsed);
            bodyBytes = body.Length;
            if (i % 50 == 49)
            {
                context.Progress(string.Create(CultureInfo.InvariantCulture, $"{i + 1} GETs, last /cluster/resources {elapsed.TotalMilliseconds:0.0} ms"));
            }
        }
        return new ResourceGets(resources.Summarize(), version.Summarize(), bodyBytes, Stopwatch.GetElapsedTime(loop));
    }

    /// <summary>Keys and values under <c>/cordouan/v1/</c>: what a file system like pmxcfs would have to hold.</summary>
    private static async Task<long> DocumentBytesAsync(EtcdClusterStore store, CancellationToken cancellationToken) =>
        (await store.ListAsync(ClusterKeys.Root, cancellationToken)).Sum(e => (long)e.Key.Length + e.Value.Length);

    /// <summary>Stops the agents and deletes the VM documents, bounded, even when the run was cancelled.</summary>
    private async Task CleanUpAsync(SimulatedCluster? cluster, SimulatedVms? vms, IReadOnlyList<int> vmids)
    {
        context.Progress("removing the simulated nodes and VMs");
        if (cluster is not null)
        {
            await cluster.DisposeAsync();
        }
        if (vms is not null)
        {
            using var timeout = new CancellationTokenSource(CleanupTimeout);
            try
            {
                await vms.DeleteAsync(vmids, _options.BatchSize, _options.WriteParallelism, timeout.Token);
            }
            catch (Exception e) when (e is Core.Errors.CordouanException or OperationCanceledException)
            {
                // Reported, not thrown: an exception here would hide the one that ended the run.
                context.Progress($"could not delete every simulated VM document: {e.Message}");
            }
        }
    }
}
