namespace Cordouan.Node.Telemetry.Rrd;

/// <summary>A value of a series: a gauge is stored as sampled; a counter as its rate per second between two samples (RRD's DERIVE).</summary>
public sealed record RrdColumn(string Name, RrdColumnKind Kind = RrdColumnKind.Gauge);
