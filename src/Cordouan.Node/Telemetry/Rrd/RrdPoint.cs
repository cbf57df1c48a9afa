namespace Cordouan.Node.Telemetry.Rrd;

/// <summary>One point of a fetch: the start of its interval (Unix seconds) and each column's value, null where unknown.</summary>
public sealed record RrdPoint(long Time, IReadOnlyList<double?> Values)
{
    public bool IsEmpty => Values.All(v => v is null);
}
