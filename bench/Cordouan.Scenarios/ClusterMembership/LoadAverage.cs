using System.Globalization;

namespace Cordouan.Scenarios.ClusterMembership;

/// <summary>The machine's 1/5/15-minute load averages (<c>/proc/loadavg</c>): the figures depend on what else runs.</summary>
public sealed record LoadAverage(double OneMinute, double FiveMinutes, double FifteenMinutes)
{
    public static LoadAverage Read()
    {
        var fields = File.ReadAllText("/proc/loadavg").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return new LoadAverage(Parse(fields[0]), Parse(fields[1]), Parse(fields[2]));
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{OneMinute:0.00} {FiveMinutes:0.00} {FifteenMinutes:0.00}");

    private static double Parse(string field) => double.Parse(field, NumberStyles.Float, CultureInfo.InvariantCulture);
}
