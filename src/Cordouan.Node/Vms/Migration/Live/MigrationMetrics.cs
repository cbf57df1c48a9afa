using System.Diagnostics.Metrics;

namespace Cordouan.Node.Vms.Migration.Live;

/// <summary>
/// Live migration figures as .NET metrics (meter <c>Cordouan.Migration</c>), readable with <c>dotnet-counters</c> or
/// any OpenTelemetry exporter a host adds; each task also keeps its own figures (<c>results</c> of its status).
/// </summary>
public static class MigrationMetrics
{
    private static readonly Meter Meter = new("Cordouan.Migration");
    private static readonly Histogram<double> Downtime = Meter.CreateHistogram<double>("cordouan.migration.downtime", "ms", "Guest pause of a live migration");
    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>("cordouan.migration.duration", "ms", "Total time of a live migration");

    public static void Record(TimeSpan downtime, TimeSpan duration)
    {
        Downtime.Record(downtime.TotalMilliseconds);
        Duration.Record(duration.TotalMilliseconds);
    }
}
