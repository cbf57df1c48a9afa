namespace Cordouan.Node.Telemetry.Rrd;

/// <summary>The values gathered so far for one interval of one archive: per column the sum and count of known averages and the maximum.</summary>
internal sealed class RrdAccumulator(long slot, int columns)
{
    private readonly double[] _sum = new double[columns];
    private readonly int[] _count = new int[columns];
    private readonly double[] _max = Enumerable.Repeat(double.NaN, columns).ToArray();

    public long Slot { get; } = slot;

    public bool IsEmpty => _count.All(c => c == 0);

    /// <summary>Adds one finer point (or one sample, where average and maximum are the same values); NaN is skipped.</summary>
    public void Add(ReadOnlySpan<double> average, ReadOnlySpan<double> max)
    {
        for (var i = 0; i < _sum.Length; i++)
        {
            if (!double.IsNaN(average[i]))
            {
                _sum[i] += average[i];
                _count[i]++;
            }
            if (!double.IsNaN(max[i]) && (double.IsNaN(_max[i]) || max[i] > _max[i]))
            {
                _max[i] = max[i];
            }
        }
    }

    /// <summary>
    /// The consolidated row; a column known in fewer than <paramref name="minimumKnown"/> of the finer points is unknown
    /// (RRD's xfiles factor of 0.5).
    /// </summary>
    public RrdRow ToRow(int minimumKnown)
    {
        var average = new double[_sum.Length];
        var max = new double[_sum.Length];
        for (var i = 0; i < _sum.Length; i++)
        {
            var known = _count[i] > 0 && _count[i] >= minimumKnown;
            average[i] = known ? _sum[i] / _count[i] : double.NaN;
            max[i] = known ? _max[i] : double.NaN;
        }
        return new RrdRow(Slot, average, max);
    }

    public RrdAccumulator Copy()
    {
        var copy = new RrdAccumulator(Slot, _sum.Length);
        _sum.CopyTo(copy._sum, 0);
        _count.CopyTo(copy._count, 0);
        _max.CopyTo(copy._max, 0);
        return copy;
    }
}
