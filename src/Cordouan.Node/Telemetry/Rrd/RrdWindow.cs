namespace Cordouan.Node.Telemetry.Rrd;

/// <summary>What a timeframe reads: the archive at <see cref="Archive"/>, <see cref="Points"/> points of <see cref="ResolutionSeconds"/>.</summary>
public readonly record struct RrdWindow(int Archive, int ResolutionSeconds, int Points);
