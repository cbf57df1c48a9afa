using System.Text;
using Cordouan.Core.Cluster;
using Cordouan.Node.Hosting;
using Cordouan.Node.Tasks;
using Cordouan.Node.Telemetry;

namespace Cordouan.Api.Metrics;

/// <summary>
/// The text of <c>/metrics</c>: this node's, its VMs' and its storages' figures from the collector's last pass, the
/// running tasks, one timed etcd read, Ceph's health (when Ceph is set up, cached) and every <c>Cordouan.*</c> meter
/// (HA failovers and their durations, migrations, finished tasks). Each node reports what it runs: scrape every node.
/// </summary>
public sealed class MetricsExposition(
    NodeIdentity identity,
    TelemetryCollector collector,
    MeterAggregator meters,
    TaskManager tasks,
    IClusterStore store,
    CephHealthCache ceph,
    TimeProvider time)
{
    private static readonly TimeSpan EtcdTimeout = TimeSpan.FromSeconds(2);

    public async Task<string> WriteAsync(CancellationToken cancellationToken)
    {
        var text = new PrometheusText();
        var node = ("node", identity.NodeName);
        if (collector.Latest is { } latest)
        {
            NodeSeries.Write(text, node, latest);
            VmSeries.Write(text, node, latest.Vms);
            StorageSeries.Write(text, node, latest.Storages);
        }
        text.Family("cordouan_tasks_running", "gauge", "Tasks running on this node");
        text.Sample("cordouan_tasks_running", tasks.RunningCount, node);
        await WriteEtcdAsync(text, node, cancellationToken);
        if (await ceph.GetAsync(cancellationToken) is { } health)
        {
            text.Family("cordouan_ceph_health_status", "gauge", "Ceph health: 0 HEALTH_OK, 1 HEALTH_WARN, 2 HEALTH_ERR");
            text.Sample("cordouan_ceph_health_status", health, node);
        }
        foreach (var instrument in meters.Snapshot())
        {
            WriteInstrument(text, node, instrument);
        }
        return text.ToString();
    }

    private async Task WriteEtcdAsync(PrometheusText text, (string, string) node, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(EtcdTimeout);
        var started = time.GetTimestamp();
        var up = true;
        try
        {
            await store.GetAsync(ClusterKeys.Cluster, deadline.Token);
        }
        catch (Exception e) when (e is Core.Errors.CordouanException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            up = false;
        }
        text.Family("cordouan_etcd_up", "gauge", "Whether a linearizable etcd read from this node succeeded (needs quorum)");
        text.Sample("cordouan_etcd_up", up ? 1 : 0, node);
        if (up)
        {
            text.Family("cordouan_etcd_read_seconds", "gauge", "Duration of one linearizable etcd read from this node, during the scrape");
            text.Sample("cordouan_etcd_read_seconds", time.GetElapsedTime(started).TotalSeconds, node);
        }
    }

    private static void WriteInstrument(PrometheusText text, (string, string) node, AggregatedInstrument instrument)
    {
        var name = PrometheusName(instrument);
        var type = instrument.Kind switch { AggregatedKind.Histogram => "histogram", AggregatedKind.Gauge => "gauge", _ => "counter" };
        text.Family(name, type, instrument.Description);
        // An instrument nothing was recorded on yet still reads 0 (a failover counter is 0 before the first failover).
        var series = instrument.Series.Count > 0 ? instrument.Series : [new AggregatedSeries([], new long[MeterAggregator.Buckets.Count])];
        foreach (var s in series)
        {
            (string, string)[] labels = [node, .. s.Labels];
            switch (instrument.Kind)
            {
                case AggregatedKind.Histogram:
                    for (var i = 0; i < MeterAggregator.Buckets.Count; i++)
                    {
                        text.Sample(name + "_bucket", s.BucketCounts[i], [.. labels, ("le", PrometheusText.Format(MeterAggregator.Buckets[i]))]);
                    }
                    text.Sample(name + "_bucket", s.Count, [.. labels, ("le", "+Inf")]);
                    text.Sample(name + "_sum", s.Sum, labels);
                    text.Sample(name + "_count", s.Count, labels);
                    break;
                default:
                    text.Sample(name, s.Sum, labels);
                    break;
            }
        }
    }

    /// <summary><c>cordouan.ha.fence_wait</c> in ms → <c>cordouan_ha_fence_wait_seconds</c>; counters end in <c>_total</c>.</summary>
    public static string PrometheusName(AggregatedInstrument instrument)
    {
        var name = new StringBuilder();
        foreach (var c in instrument.Name)
        {
            name.Append(char.IsAsciiLetterOrDigit(c) ? c : '_');
        }
        if (instrument.Unit is "ms" or "s")
        {
            name.Append("_seconds");
        }
        if (instrument.Kind == AggregatedKind.Counter)
        {
            name.Append("_total");
        }
        return name.ToString();
    }
}
