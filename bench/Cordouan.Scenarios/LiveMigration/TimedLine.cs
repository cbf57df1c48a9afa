using Cordouan.Testing;

namespace Cordouan.Scenarios.LiveMigration;

/// <summary>A console line and when it arrived (<see cref="System.Diagnostics.Stopwatch"/> ticks).</summary>
public sealed record TimedLine(long Timestamp, string Text)
{
    /// <summary>n of an <c>HB n</c> line, else null.</summary>
    public int? Heartbeat => SerialConsole.ParseHeartbeat(Text);
}
