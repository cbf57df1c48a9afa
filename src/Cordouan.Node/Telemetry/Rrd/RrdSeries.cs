namespace Cordouan.Node.Telemetry.Rrd;

/// <summary>
/// One series (a node, a VM, a storage) kept as RRD does: samples are averaged into 1-minute points, which are
/// consolidated (average and maximum) into each coarser archive in turn. Only finished points are written; the points of
/// the intervals still open live in memory and are rebuilt from the finer archive when the series is opened again, so
/// a restart loses at most the current minute. Thread-safe.
/// </summary>
public sealed class RrdSeries : IDisposable
{
    private readonly object _gate = new();
    private readonly IReadOnlyList<RrdColumn> _columns;
    private readonly RrdFile _file;
    private readonly RrdAccumulator?[] _open;
    private readonly double[] _lastCounter;
    private long _lastSampleTime = long.MinValue;

    private RrdSeries(IReadOnlyList<RrdColumn> columns, RrdFile file, long now)
    {
        _columns = columns;
        _file = file;
        _open = new RrdAccumulator?[file.Archives.Count];
        _lastCounter = Enumerable.Repeat(double.NaN, columns.Count).ToArray();
        Reopen(now);
    }

    public IReadOnlyList<RrdColumn> Columns => _columns;

    /// <summary>Opens (or creates) the series stored at <paramref name="path"/>, with Proxmox's archives.</summary>
    public static RrdSeries Open(string path, IReadOnlyList<RrdColumn> columns, DateTimeOffset now) =>
        Open(path, columns, RrdLayout.Archives, now);

    public static RrdSeries Open(string path, IReadOnlyList<RrdColumn> columns, IReadOnlyList<RrdArchive> archives, DateTimeOffset now)
    {
        for (var i = 1; i < archives.Count; i++)
        {
            if (archives[i].StepSeconds % archives[i - 1].StepSeconds != 0)
            {
                throw new ArgumentException($"archive {i}'s step ({archives[i].StepSeconds} s) is not a multiple of the one before", nameof(archives));
            }
        }
        return new RrdSeries(columns, RrdFile.Open(path, columns, archives), now.ToUnixTimeSeconds());
    }

    /// <summary>Adds one sample taken at <paramref name="time"/>: a value per column, in column order, null when not known; a sample older than the last is ignored.</summary>
    public void Update(DateTimeOffset time, IReadOnlyList<double?> values)
    {
        if (values.Count != _columns.Count)
        {
            throw new ArgumentException($"{values.Count} values for {_columns.Count} columns", nameof(values));
        }
        var now = time.ToUnixTimeSeconds();
        lock (_gate)
        {
            if (now <= _lastSampleTime)
            {
                return;
            }
            var sample = new double[_columns.Count];
            for (var i = 0; i < sample.Length; i++)
            {
                sample[i] = Stored(i, values[i], now);
            }
            _lastSampleTime = now;
            Add(0, SlotOf(0, now), sample, sample);
        }
    }

    /// <summary>
    /// <paramref name="window"/>'s points up to <paramref name="now"/>, oldest first; the last is the interval still open,
    /// with what it has so far. As Proxmox, an empty newest point is left out.
    /// </summary>
    public IReadOnlyList<RrdPoint> Fetch(RrdWindow window, RrdConsolidation consolidation, DateTimeOffset now)
    {
        var archive = window.Archive;
        var resolution = _file.Archives[archive].StepSeconds;
        var end = SlotOf(archive, now.ToUnixTimeSeconds());
        var points = new List<RrdPoint>(window.Points);
        lock (_gate)
        {
            for (var time = end - ((long)resolution * (window.Points - 1)); time <= end; time += resolution)
            {
                var row = Pending(archive, time)?.ToRow(minimumKnown: 1) ?? _file.Read(archive, time);
                points.Add(new RrdPoint(time, Values(row, consolidation)));
            }
        }
        if (points.Count > 0 && points[^1].IsEmpty)
        {
            points.RemoveAt(points.Count - 1);
        }
        return points;
    }

    public void Dispose() => _file.Dispose();

    private double Stored(int column, double? value, long now)
    {
        if (_columns[column].Kind == RrdColumnKind.Gauge)
        {
            return value ?? double.NaN;
        }
        var previous = _lastCounter[column];
        var elapsed = now - _lastSampleTime;
        _lastCounter[column] = value ?? double.NaN;
        if (value is not { } counter || double.IsNaN(previous) || counter < previous || elapsed <= 0)
        {
            return double.NaN;
        }
        return (counter - previous) / elapsed;
    }

    /// <summary>Adds a point to archive <paramref name="archive"/>'s open interval, closing (writing and passing on) the previous one first.</summary>
    private void Add(int archive, long slot, ReadOnlySpan<double> average, ReadOnlySpan<double> max)
    {
        var open = _open[archive];
        if (open is not null && open.Slot != slot)
        {
            Close(archive, open);
            open = null;
        }
        open ??= _open[archive] = new RrdAccumulator(slot, _columns.Count);
        open.Add(average, max);
    }

    private void Close(int archive, RrdAccumulator open)
    {
        _open[archive] = null;
        if (open.IsEmpty)
        {
            return;
        }
        var row = open.ToRow(MinimumKnown(archive));
        _file.Write(archive, row);
        if (archive + 1 < _open.Length)
        {
            Add(archive + 1, SlotOf(archive + 1, row.Slot), row.Average, row.Max);
        }
    }

    /// <summary>
    /// What the open intervals hold for <paramref name="slot"/> of <paramref name="archive"/>: its own open interval and
    /// the finer ones not yet passed up (a finished minute reaches the 30-minute archive only when that one's next minute
    /// begins); null when none falls in it.
    /// </summary>
    private RrdAccumulator? Pending(int archive, long slot)
    {
        var pending = _open[archive]?.Slot == slot ? _open[archive]!.Copy() : null;
        if (archive == 0)
        {
            return pending;
        }
        var finerSlots = _open.Take(archive).OfType<RrdAccumulator>().Select(o => SlotOf(archive - 1, o.Slot))
            .Where(s => SlotOf(archive, s) == slot).Distinct();
        foreach (var finerSlot in finerSlots)
        {
            if (Pending(archive - 1, finerSlot) is { } finer)
            {
                var row = finer.ToRow(minimumKnown: 1);
                pending ??= new RrdAccumulator(slot, _columns.Count);
                pending.Add(row.Average, row.Max);
            }
        }
        return pending;
    }

    /// <summary>Rebuilds the open intervals of the coarser archives from the finer points already written in them.</summary>
    private void Reopen(long now)
    {
        for (var archive = 1; archive < _open.Length; archive++)
        {
            var slot = SlotOf(archive, now);
            var finerStep = _file.Archives[archive - 1].StepSeconds;
            RrdAccumulator? open = null;
            for (var time = slot; time < slot + _file.Archives[archive].StepSeconds && time <= now; time += finerStep)
            {
                if (_file.Read(archive - 1, time) is { } row)
                {
                    open ??= new RrdAccumulator(slot, _columns.Count);
                    open.Add(row.Average, row.Max);
                }
            }
            _open[archive] = open;
        }
    }

    /// <summary>How many finer points must know a value for the consolidated one to (RRD's xff 0.5); any sample makes a minute.</summary>
    private int MinimumKnown(int archive) =>
        archive == 0 ? 1 : (int)Math.Ceiling(_file.Archives[archive].StepSeconds / (double)_file.Archives[archive - 1].StepSeconds / 2);

    private long SlotOf(int archive, long time) => Align(_file.Archives[archive].StepSeconds, time);

    private static long Align(long step, long time) => time - (((time % step) + step) % step);

    private double?[] Values(RrdRow? row, RrdConsolidation consolidation)
    {
        var values = new double?[_columns.Count];
        if (row is null)
        {
            return values;
        }
        var source = consolidation == RrdConsolidation.Max ? row.Max : row.Average;
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = double.IsNaN(source[i]) ? null : source[i];
        }
        return values;
    }
}
