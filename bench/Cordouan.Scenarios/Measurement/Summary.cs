namespace Cordouan.Scenarios.Measurement;

/// <summary>Order statistics of one series of samples (milliseconds, or MB for memory), nearest-rank percentiles.</summary>
public sealed record Summary(int Count, double Min, double Median, double P95, double P99, double Max)
{
    /// <summary>Summarises <paramref name="samples"/>; throws when there are none.</summary>
    public static Summary Of(IReadOnlyCollection<double> samples)
    {
        if (samples.Count == 0)
        {
            throw new ArgumentException("no samples", nameof(samples));
        }
        var sorted = samples.Order().ToArray();
        return new Summary(sorted.Length, sorted[0], MedianOf(sorted), Percentile(sorted, 95), Percentile(sorted, 99), sorted[^1]);
    }

    /// <summary>The value picked by <paramref name="basis"/> (<c>median</c>, <c>p95</c>, <c>p99</c>, <c>max</c>).</summary>
    public double Pick(RatioBasis basis) => basis switch
    {
        RatioBasis.Median => Median,
        RatioBasis.P95 => P95,
        RatioBasis.P99 => P99,
        _ => Max,
    };

    private static double MedianOf(double[] sorted) =>
        sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;

    /// <summary>Nearest rank: the smallest sample with at least <paramref name="percent"/>% of the samples at or below it.</summary>
    private static double Percentile(double[] sorted, int percent)
    {
        var rank = (int)Math.Ceiling(percent / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }
}
