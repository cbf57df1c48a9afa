namespace Cordouan.Scenarios.Reporting;

/// <summary>What a <see cref="Goal"/> limits.</summary>
public enum GoalTarget
{
    Ratio,
    Value,

    /// <summary>The ratio against the baseline, at least <see cref="Goal.Limit"/> (throughput: higher is better).</summary>
    RatioAtLeast,
}
