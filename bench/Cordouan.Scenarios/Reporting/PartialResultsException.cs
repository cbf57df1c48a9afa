namespace Cordouan.Scenarios.Reporting;

/// <summary>A scenario that failed part-way but measured something worth reporting (e.g. its baseline): both are reported.</summary>
public sealed class PartialResultsException(string message, IReadOnlyList<ScenarioResult> results) : Exception(message)
{
    public IReadOnlyList<ScenarioResult> Results { get; } = results;
}
