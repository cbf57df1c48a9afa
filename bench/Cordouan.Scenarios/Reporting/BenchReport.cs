namespace Cordouan.Scenarios.Reporting;

/// <summary>Everything one bench run produced, as written to <c>artifacts/bench/latest.json</c>.</summary>
public sealed record BenchReport
{
    public required DateTimeOffset StartedAt { get; init; }

    public required bool Quick { get; init; }

    public required double TotalSeconds { get; init; }

    /// <summary>Processor count, OS and QEMU version: what the figures depend on.</summary>
    public required IReadOnlyDictionary<string, string> Environment { get; init; }

    public required IReadOnlyList<ScenarioResult> Results { get; init; }

    /// <summary>Scenarios that could not finish, with the reason.</summary>
    public required IReadOnlyList<string> Failures { get; init; }
}
