using System.Text.Json.Serialization;

namespace Cordouan.Contracts.Ha;

/// <summary>One item of <c>GET /cluster/ha/resources</c> (and the object of <c>GET …/resources/{sid}</c>).</summary>
public sealed record HaResourceItem
{
    /// <summary><c>vm:100</c>.</summary>
    [JsonPropertyName("sid")]
    public required string Sid { get; init; }

    [JsonPropertyName("type")]
    public string? Type { get; init; }

    /// <summary>Requested state: <c>started</c>, <c>stopped</c>, <c>disabled</c> or <c>ignored</c>.</summary>
    [JsonPropertyName("state")]
    public string? State { get; init; }

    [JsonPropertyName("group")]
    public string? Group { get; init; }

    [JsonPropertyName("max_restart")]
    public int? MaxRestart { get; init; }

    [JsonPropertyName("max_relocate")]
    public int? MaxRelocate { get; init; }

    [JsonPropertyName("failback")]
    public bool? Failback { get; init; }

    [JsonPropertyName("comment")]
    public string? Comment { get; init; }

    [JsonPropertyName("digest")]
    public string? Digest { get; init; }
}
