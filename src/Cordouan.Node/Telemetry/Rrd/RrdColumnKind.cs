namespace Cordouan.Node.Telemetry.Rrd;

/// <summary>How a sampled value becomes a stored one.</summary>
public enum RrdColumnKind
{
    /// <summary>Stored as sampled (memory used, CPU share).</summary>
    Gauge,
    /// <summary>A growing counter (bytes sent) stored as its rate per second; a decrease (a reset) is unknown, never negative.</summary>
    Derive,
}
