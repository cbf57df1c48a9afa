using Cordouan.Node.Telemetry.Rrd;
using Xunit;

namespace Cordouan.Node.Tests.Telemetry.Rrd;

public sealed class RrdSeriesTests : IDisposable
{
    private static readonly RrdColumn[] Columns = [new("cpu"), new("netin", RrdColumnKind.Derive)];
    // Small rings so that a test can lap them: 1 min × 5, 5 min × 3.
    private static readonly RrdArchive[] Small = [new(60, 5), new(300, 3)];
    // A minute boundary, far from the Unix epoch.
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000 - (1_800_000_000 % 3600));
    private readonly string _directory = Directory.CreateTempSubdirectory("rrd-tests-").FullName;

    private string PathOf(string name) => Path.Combine(_directory, name);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Update_SamplesInOneMinute_AverageAndMaxOfThem()
    {
        using var series = RrdSeries.Open(PathOf("a.rrd"), Columns, RrdLayout.Archives, T0);
        series.Update(T0, [0.2, null]);
        series.Update(T0.AddSeconds(10), [0.4, null]);
        series.Update(T0.AddSeconds(20), [0.6, null]);
        RrdLayout.TryGetWindow("hour", out var hour);

        var average = series.Fetch(hour, RrdConsolidation.Average, T0.AddSeconds(30));
        var max = series.Fetch(hour, RrdConsolidation.Max, T0.AddSeconds(30));

        Assert.Equal(60, average.Count);
        Assert.Equal(T0.ToUnixTimeSeconds(), average[^1].Time);
        Assert.Equal(T0.ToUnixTimeSeconds() - (59 * 60), average[0].Time);
        Assert.Equal(0.4, average[^1].Values[0]!.Value, 9);
        Assert.Equal(0.6, max[^1].Values[0]!.Value, 9);
        Assert.True(average[0].IsEmpty);
    }

    [Fact]
    public void Update_Counter_StoresRatePerSecondAndResetAsUnknown()
    {
        using var series = RrdSeries.Open(PathOf("a.rrd"), Columns, Small, T0);
        var window = new RrdWindow(0, 60, 5);
        series.Update(T0, [0, 1000]);
        series.Update(T0.AddSeconds(10), [0, 2000]);
        Assert.Equal(100.0, series.Fetch(window, RrdConsolidation.Average, T0.AddSeconds(10))[^1].Values[1]);

        // A counter that went down (the VM restarted) is no rate at all, never a negative one.
        series.Update(T0.AddSeconds(60), [0, 500]);
        Assert.Null(series.Fetch(window, RrdConsolidation.Average, T0.AddSeconds(60))[^1].Values[1]);
    }

    [Fact]
    public void Update_ThirtyMinutes_ConsolidatesIntoCoarserArchive()
    {
        using var series = RrdSeries.Open(PathOf("a.rrd"), Columns, RrdLayout.Archives, T0);
        for (var minute = 0; minute < 30; minute++)
        {
            series.Update(T0.AddMinutes(minute), [minute / 100.0, null]);
        }
        // The first sample of the next interval closes the 30-minute one.
        series.Update(T0.AddMinutes(30), [0.9, null]);
        RrdLayout.TryGetWindow("week", out var week);

        var average = series.Fetch(week, RrdConsolidation.Average, T0.AddMinutes(31));
        var max = series.Fetch(week, RrdConsolidation.Max, T0.AddMinutes(31));

        Assert.Equal(336, average.Count);
        var closed = average.Single(p => p.Time == T0.ToUnixTimeSeconds());
        Assert.Equal(Enumerable.Range(0, 30).Average() / 100, closed.Values[0]!.Value, 9);
        Assert.Equal(0.29, max.Single(p => p.Time == T0.ToUnixTimeSeconds()).Values[0]!.Value, 9);
        // The open interval shows what it has so far.
        Assert.Equal(0.9, average[^1].Values[0]!.Value, 9);
        Assert.Equal(T0.AddMinutes(30).ToUnixTimeSeconds(), average[^1].Time);
    }

    [Fact]
    public void Update_TooFewKnownMinutes_ConsolidatedPointUnknown()
    {
        using var series = RrdSeries.Open(PathOf("a.rrd"), Columns, Small, T0);
        // 2 of the 5 minutes known: under RRD's xfiles factor of one half.
        series.Update(T0, [0.5, null]);
        series.Update(T0.AddMinutes(1), [0.5, null]);
        series.Update(T0.AddMinutes(5), [0.7, null]);
        // Closes minute 5, whose arrival in the 5-minute archive closes the interval of minutes 0..4.
        series.Update(T0.AddMinutes(6), [0.7, null]);

        var coarse = series.Fetch(new RrdWindow(1, 300, 3), RrdConsolidation.Average, T0.AddMinutes(6));

        Assert.Null(coarse.Single(p => p.Time == T0.ToUnixTimeSeconds()).Values[0]);
    }

    [Fact]
    public void Update_PastRingSize_OldestPointsOverwrittenAndLapsReadUnknown()
    {
        using var series = RrdSeries.Open(PathOf("a.rrd"), Columns, Small, T0);
        for (var minute = 0; minute < 8; minute++)
        {
            series.Update(T0.AddMinutes(minute), [minute, null]);
        }
        var window = new RrdWindow(0, 60, 5);

        var now = series.Fetch(window, RrdConsolidation.Average, T0.AddMinutes(7));
        Assert.Equal(new[] { 3.0, 4, 5, 6, 7 }, now.Select(p => p.Values[0]!.Value));

        // Ten minutes later the ring still holds minutes 3..7 but none of them belongs to the window asked for.
        var later = series.Fetch(window, RrdConsolidation.Average, T0.AddMinutes(17));
        Assert.All(later, p => Assert.True(p.IsEmpty || p.Time == T0.AddMinutes(7).ToUnixTimeSeconds()));
        Assert.Equal(4, later.Count);
    }

    [Fact]
    public void Open_AfterRestart_KeepsFinishedPointsAndRebuildsOpenInterval()
    {
        var path = PathOf("a.rrd");
        using (var series = RrdSeries.Open(path, Columns, Small, T0))
        {
            series.Update(T0, [0.1, null]);
            series.Update(T0.AddMinutes(1), [0.3, null]);
            series.Update(T0.AddMinutes(2), [0.5, null]);
        }

        using var reopened = RrdSeries.Open(path, Columns, Small, T0.AddMinutes(2).AddSeconds(30));
        var fine = reopened.Fetch(new RrdWindow(0, 60, 5), RrdConsolidation.Average, T0.AddMinutes(2).AddSeconds(30));
        var coarse = reopened.Fetch(new RrdWindow(1, 300, 3), RrdConsolidation.Average, T0.AddMinutes(2).AddSeconds(30));

        Assert.Equal(0.1, fine.Single(p => p.Time == T0.ToUnixTimeSeconds()).Values[0]);
        Assert.Equal(0.3, fine.Single(p => p.Time == T0.AddMinutes(1).ToUnixTimeSeconds()).Values[0]);
        // The open 5-minute interval is rebuilt from the minutes written before the restart (the last, unfinished one is lost).
        Assert.Equal(0.2, coarse[^1].Values[0]!.Value, 9);
        // And closes with them once time moves on.
        reopened.Update(T0.AddMinutes(3), [0.3, null]);
        reopened.Update(T0.AddMinutes(5), [0.0, null]);
        var closed = reopened.Fetch(new RrdWindow(1, 300, 3), RrdConsolidation.Average, T0.AddMinutes(5));
        Assert.Equal(0.7 / 3, closed.Single(p => p.Time == T0.ToUnixTimeSeconds()).Values[0]!.Value, 9);
    }

    [Fact]
    public void Open_TornRow_ReadsUnknownAndKeepsTheOthers()
    {
        var path = PathOf("a.rrd");
        using (var series = RrdSeries.Open(path, Columns, Small, T0))
        {
            series.Update(T0, [0.1, null]);
            series.Update(T0.AddMinutes(1), [0.2, null]);
            series.Update(T0.AddMinutes(2), [0.3, null]);
        }
        // Damage one byte of the value of minute 1: its row is at header + (slot/60 mod 5) rows of 8+32+4 → 48 bytes.
        var offset = 4096 + ((T0.AddMinutes(1).ToUnixTimeSeconds() / 60 % 5) * 48) + 10;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite))
        {
            stream.Position = offset;
            var b = stream.ReadByte();
            stream.Position = offset;
            stream.WriteByte((byte)(b ^ 0xFF));
        }

        using var reopened = RrdSeries.Open(path, Columns, Small, T0.AddMinutes(2));
        var points = reopened.Fetch(new RrdWindow(0, 60, 5), RrdConsolidation.Average, T0.AddMinutes(2));

        Assert.Equal(0.1, points.Single(p => p.Time == T0.ToUnixTimeSeconds()).Values[0]);
        Assert.True(points.Single(p => p.Time == T0.AddMinutes(1).ToUnixTimeSeconds()).IsEmpty);
    }

    [Fact]
    public void Open_OtherLayout_StartsAFreshSeriesOfFixedSize()
    {
        var path = PathOf("a.rrd");
        using (var series = RrdSeries.Open(path, Columns, Small, T0))
        {
            series.Update(T0, [0.1, null]);
            series.Update(T0.AddMinutes(1), [0.2, null]);
        }
        var size = new FileInfo(path).Length;
        Assert.Equal(4096 + (8 * 48), size);

        using var other = RrdSeries.Open(path, [new RrdColumn("cpu")], Small, T0.AddMinutes(1));
        var points = other.Fetch(new RrdWindow(0, 60, 5), RrdConsolidation.Average, T0.AddMinutes(1));

        Assert.All(points, p => Assert.True(p.IsEmpty));
        Assert.Equal(4096 + (8 * 32), new FileInfo(path).Length);
    }
}
