namespace Cordouan.Api.Metrics;

/// <summary>One tag set's totals: measurements, their sum, and per bucket bound (<see cref="MeterAggregator.Buckets"/>) the cumulative count.</summary>
public sealed record AggregatedSeries((string Name, string Value)[] Labels, long[] BucketCounts)
{
    public long Count { get; set; }

    public double Sum { get; set; }
}
