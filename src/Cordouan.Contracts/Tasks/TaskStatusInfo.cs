using System.Text.Json.Serialization;

namespace Cordouan.Contracts.Tasks;

/// <summary>Answer of <c>GET /nodes/{node}/tasks/{upid}/status</c>. Named so to stay clear of <see cref="System.Threading.Tasks.TaskStatus"/>.</summary>
public sealed record TaskStatusInfo
{
    public const string Running = "running";
    public const string Stopped = "stopped";

    [JsonPropertyName("upid")]
    public required string Upid { get; init; }

    [JsonPropertyName("node")]
    public string? Node { get; init; }

    [JsonPropertyName("pid")]
    public long? Pid { get; init; }

    [JsonPropertyName("pstart")]
    public long? PStart { get; init; }

    [JsonPropertyName("starttime")]
    public long? StartTime { get; init; }

    [JsonPropertyName("type")]
    public string? Type { get; init; }

    [JsonPropertyName("id")]
    public string? Id { get; init; }

    [JsonPropertyName("user")]
    public string? User { get; init; }

    /// <summary><c>running</c> or <c>stopped</c>.</summary>
    [JsonPropertyName("status")]
    public required string Status { get; init; }

    /// <summary>Absent while running; <c>OK</c>, <c>WARNINGS: n</c> or the error text once stopped.</summary>
    [JsonPropertyName("exitstatus")]
    public string? ExitStatus { get; init; }

    /// <summary>True once the task has stopped.</summary>
    [JsonIgnore]
    public bool IsFinished => Status == Stopped;

    /// <summary>True when the task stopped with <c>OK</c> or <c>WARNINGS: n</c>.</summary>
    [JsonIgnore]
    public bool IsSuccessful =>
        IsFinished && ExitStatus is not null &&
        (ExitStatus == "OK" || ExitStatus.StartsWith("WARNINGS", StringComparison.Ordinal));
}
