using System.Globalization;
using Cordouan.Scenarios.Measurement;

namespace Cordouan.Scenarios.Reporting;

/// <summary>A target: either the ratio against the baseline, or the measured value itself, at most <see cref="Limit"/> (at least, for <see cref="GoalTarget.RatioAtLeast"/>).</summary>
public sealed record Goal(GoalTarget Target, RatioBasis Basis, double Limit)
{
    public static Goal RatioAtMost(double limit, RatioBasis basis) => new(GoalTarget.Ratio, basis, limit);

    public static Goal RatioAtLeast(double limit, RatioBasis basis) => new(GoalTarget.RatioAtLeast, basis, limit);

    public static Goal ValueAtMost(double limit, RatioBasis basis) => new(GoalTarget.Value, basis, limit);

    /// <summary>Human-readable form, e.g. <c>ratio(median) ≤ 1.10</c> or <c>p99 ≤ 20 ms</c>.</summary>
    public string Describe(string unit) => Target switch
    {
        GoalTarget.Ratio => string.Create(CultureInfo.InvariantCulture, $"ratio({Label(Basis)}) ≤ {Limit:0.00}"),
        GoalTarget.RatioAtLeast => string.Create(CultureInfo.InvariantCulture, $"ratio({Label(Basis)}) ≥ {Limit:0.00}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{Label(Basis)} ≤ {Limit:0.##} {unit}"),
    };

    public static string Label(RatioBasis basis) => basis.ToString().ToLowerInvariant();
}
