namespace Cordouan.Api.Metrics;

/// <summary>How an instrument's measurements add up.</summary>
public enum AggregatedKind
{
    Counter,
    Gauge,
    Histogram,
}
