using System.Diagnostics.Metrics;

namespace Cordouan.Node.Ha;

/// <summary>Failover figures as .NET metrics (meter <c>Cordouan.Ha</c>).</summary>
internal static class HaMetrics
{
    private static readonly Meter Meter = new("Cordouan.Ha");
    private static readonly Histogram<double> FenceWait = Meter.CreateHistogram<double>("cordouan.ha.fence_wait", "ms", "From a node's lost lease seen to the end of the fencing margin");
    private static readonly Histogram<double> Recovery = Meter.CreateHistogram<double>("cordouan.ha.recovery", "ms", "From a node's lost lease seen to its HA VMs moved to other nodes");
    private static readonly Histogram<double> Running = Meter.CreateHistogram<double>("cordouan.ha.running", "ms", "From a node's lost lease seen to the last of its HA VMs running on its new node");
    private static readonly Counter<long> Failovers = Meter.CreateCounter<long>("cordouan.ha.failovers", "{failover}", "Fenced nodes whose HA VMs were recovered on other nodes");
    private static readonly Counter<long> Recovered = Meter.CreateCounter<long>("cordouan.ha.recovered", "{vm}", "HA VMs recovered from fenced nodes");

    public static void RecordFailover(TimeSpan fenceWait, TimeSpan recovery, int recovered, TimeSpan? running)
    {
        if (running is { } all)
        {
            Running.Record(all.TotalMilliseconds);
        }
        FenceWait.Record(fenceWait.TotalMilliseconds);
        Recovery.Record(recovery.TotalMilliseconds);
        Recovered.Add(recovered);
        Failovers.Add(1);
    }
}
