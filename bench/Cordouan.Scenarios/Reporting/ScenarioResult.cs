using Cordouan.Scenarios.Measurement;

namespace Cordouan.Scenarios.Reporting;

/// <summary>One measured series, optionally with the baseline measured in the same run and the ratio between them.</summary>
public sealed record ScenarioResult
{
    public required string Scenario { get; init; }

    /// <summary>What was timed or read, in words.</summary>
    public required string Metric { get; init; }

    /// <summary><c>ms</c>, <c>MB</c> or <c>MB/s</c>.</summary>
    public required string Unit { get; init; }

    public required Summary Measured { get; init; }

    /// <summary>What the baseline did, in words; null when the metric has none.</summary>
    public string? Baseline { get; init; }

    public Summary? BaselineMeasured { get; init; }

    /// <summary>The statistic the ratio compares (measured / baseline).</summary>
    public RatioBasis RatioBasis { get; init; } = RatioBasis.Median;

    public Goal? Goal { get; init; }

    public string? Note { get; init; }

    public double? Ratio => BaselineMeasured is { } baseline && baseline.Pick(RatioBasis) > 0
        ? Measured.Pick(RatioBasis) / baseline.Pick(RatioBasis)
        : null;

    public bool? GoalMet => Goal switch
    {
        null => null,
        { Target: GoalTarget.Ratio } goal => Ratio is { } ratio ? ratio <= goal.Limit : null,
        { Target: GoalTarget.RatioAtLeast } goal => Ratio is { } ratio ? ratio >= goal.Limit : null,
        { } goal => Measured.Pick(goal.Basis) <= goal.Limit,
    };

    public string? GoalText => Goal?.Describe(Unit);
}
