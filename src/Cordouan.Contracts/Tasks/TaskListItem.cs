using System.Text.Json.Serialization;

namespace Cordouan.Contracts.Tasks;

/// <summary>One item of <c>GET /nodes/{node}/tasks</c>; <c>status</c> is the exit text or <c>RUNNING</c>.</summary>
public sealed record TaskListItem
{
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

    [JsonPropertyName("endtime")]
    public long? EndTime { get; init; }

    [JsonPropertyName("type")]
    public string? Type { get; init; }

    [JsonPropertyName("id")]
    public string? Id { get; init; }

    [JsonPropertyName("user")]
    public string? User { get; init; }

    [JsonPropertyName("status")]
    public string? Status { get; init; }
}
