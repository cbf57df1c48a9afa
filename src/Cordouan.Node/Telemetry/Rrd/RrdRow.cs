namespace Cordouan.Node.Telemetry.Rrd;

/// <summary>One consolidated point as stored: the start of its interval and, per column, the average and the maximum (NaN = unknown).</summary>
public sealed record RrdRow(long Slot, double[] Average, double[] Max);
