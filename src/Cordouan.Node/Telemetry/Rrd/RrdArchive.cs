namespace Cordouan.Node.Telemetry.Rrd;

/// <summary>One resolution of a series: <see cref="Rows"/> consolidated points, each over <see cref="StepSeconds"/>, in a ring.</summary>
public readonly record struct RrdArchive(int StepSeconds, int Rows);
