using System.Diagnostics;

namespace Cordouan.Scenarios.LiveMigration;

/// <summary>
/// What the guest saw of one migration: the time between the last heartbeat on the source's console and the first
/// on the target's (the switch), whether the count went on by one (no reset, no lost beat), and the usual interval
/// between beats before the migration for scale.
/// </summary>
public sealed record HeartbeatGap(double SwitchGapMs, int LastOnSource, int FirstOnTarget, double UsualIntervalMs)
{
    public bool Continuous => FirstOnTarget == LastOnSource + 1;

    /// <summary>Measures the switch from both consoles; <paramref name="migrationStart"/> (Stopwatch ticks) bounds the "before" window.</summary>
    public static HeartbeatGap Measure(IReadOnlyList<TimedLine> source, IReadOnlyList<TimedLine> target, long migrationStart)
    {
        var before = source.Where(l => l.Heartbeat is not null).ToList();
        var after = target.Where(l => l.Heartbeat is not null).ToList();
        if (before.Count == 0 || after.Count == 0)
        {
            throw new InvalidOperationException($"no heartbeat on the {(before.Count == 0 ? "source" : "target")} console around the migration");
        }
        var last = before[^1];
        var first = after[0];
        var intervals = before.Zip(before.Skip(1))
            .Where(p => p.First.Timestamp < migrationStart)
            .Select(p => Milliseconds(p.First.Timestamp, p.Second.Timestamp))
            .TakeLast(20)
            .Order()
            .ToList();
        var usual = intervals.Count == 0 ? double.NaN : intervals[intervals.Count / 2];
        return new HeartbeatGap(Milliseconds(last.Timestamp, first.Timestamp), last.Heartbeat!.Value, first.Heartbeat!.Value, usual);
    }

    private static double Milliseconds(long from, long to) => Stopwatch.GetElapsedTime(from, to).TotalMilliseconds;
}
