using System.Globalization;
using System.Text.RegularExpressions;

namespace Cordouan.Scenarios.LiveMigration;

/// <summary>
/// The two figures a <c>qmigrate</c> task log ends with (issue 6 contract): <c>migration finished successfully
/// (duration HH:MM:SS, N.N s)</c> and <c>downtime N ms</c> (QEMU's downtime plus the time until the target resumed).
/// </summary>
public static partial class MigrationTaskLog
{
    /// <summary>Total seconds and downtime in ms read from <paramref name="lines"/>; throws naming the missing line.</summary>
    public static (double TotalSeconds, double DowntimeMs) Parse(IReadOnlyList<string> lines, string upid)
    {
        var finished = lines.Select(l => Finished().Match(l)).LastOrDefault(m => m.Success)
            ?? throw new InvalidOperationException($"task {upid}: no 'migration finished successfully (duration HH:MM:SS, N.N s)' line in its log; last lines: {Tail(lines)}");
        var downtime = lines.Select(l => Downtime().Match(l)).LastOrDefault(m => m.Success)
            ?? throw new InvalidOperationException($"task {upid}: no 'downtime N ms' line in its log; last lines: {Tail(lines)}");
        return (Number(finished.Groups[1].Value), Number(downtime.Groups[1].Value));
    }

    private static double Number(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static string Tail(IReadOnlyList<string> lines) => string.Join(" | ", lines.TakeLast(5));

    [GeneratedRegex(@"migration finished successfully \(duration \d+:\d\d:\d\d, ([0-9]+(?:\.[0-9]+)?) s\)")]
    private static partial Regex Finished();

    // "expected downtime" progress lines are estimates, not the measured figure.
    [GeneratedRegex(@"(?<!expected )\bdowntime ([0-9]+(?:\.[0-9]+)?) ms")]
    private static partial Regex Downtime();
}
