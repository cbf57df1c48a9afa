using System.Diagnostics.Metrics;

namespace Cordouan.Node.Tasks;

/// <summary>Task figures as .NET metrics (meter <c>Cordouan.Tasks</c>): finished tasks by type and outcome.</summary>
internal static class TaskMetrics
{
    private static readonly Meter Meter = new("Cordouan.Tasks");
    private static readonly Counter<long> Finished = Meter.CreateCounter<long>("cordouan.tasks.finished", "{task}", "Tasks finished on this node, by type and status (ok, warnings, error, interrupted)");

    public static void RecordFinished(string type, string exitStatus) =>
        Finished.Add(1, new KeyValuePair<string, object?>("type", type), new KeyValuePair<string, object?>("status", Status(exitStatus)));

    private static string Status(string exitStatus) => exitStatus switch
    {
        "OK" => "ok",
        "interrupted by signal" => "interrupted",
        _ when exitStatus.StartsWith("WARNINGS", StringComparison.Ordinal) => "warnings",
        _ => "error",
    };
}
