namespace Cordouan.Node.Tasks;

/// <summary>A task's index entry in etcd (its log is a file on the node that ran it).</summary>
public sealed record TaskDocument
{
    public int Schema { get; init; } = 1;
    public required string Upid { get; init; }
    public required string Node { get; init; }
    public required string Type { get; init; }
    public required string Id { get; init; }
    public required string User { get; init; }
    public required long StartTime { get; init; }
    public long? EndTime { get; init; }
    /// <summary>running or stopped.</summary>
    public string Status { get; init; } = "running";
    /// <summary>OK, WARNINGS: n, or the error text; null while running.</summary>
    public string? ExitStatus { get; init; }
    /// <summary>Figures the task measured (a migration's downtime, total time…), by name; null when none.</summary>
    public IReadOnlyDictionary<string, double>? Results { get; init; }
}
