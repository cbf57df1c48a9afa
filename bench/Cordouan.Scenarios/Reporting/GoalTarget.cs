namespace Cordouan.Scenarios.Reporting;

/// <summary>What a <see cref="Goal"/> limits.</summary>
public enum GoalTarget
{
    Ratio,
    Value,
}
