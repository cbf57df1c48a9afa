using System.Text.Json.Serialization;

namespace Cordouan.Contracts.Tasks;

/// <summary>One line of <c>GET /nodes/{node}/tasks/{upid}/log</c>; <c>n</c> is 1-based and contiguous.</summary>
public sealed record TaskLogLine
{
    [JsonPropertyName("n")]
    public required long LineNumber { get; init; }

    [JsonPropertyName("t")]
    public required string Text { get; init; }
}
