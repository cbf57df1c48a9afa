using System.Text.Json.Serialization;

namespace Cordouan.Contracts.Storage;

/// <summary>One item of <c>GET /storage</c>: a cluster-wide storage definition.</summary>
public sealed record StorageConfigItem
{
    [JsonPropertyName("storage")]
    public required string Storage { get; init; }

    /// <summary><c>dir</c>, <c>rbd</c>…</summary>
    [JsonPropertyName("type")]
    public required string Type { get; init; }

    [JsonPropertyName("content")]
    public string? Content { get; init; }

    [JsonPropertyName("digest")]
    public string? Digest { get; init; }

    [JsonPropertyName("path")]
    public string? Path { get; init; }

    [JsonPropertyName("pool")]
    public string? Pool { get; init; }

    /// <summary>Comma-joined node names the storage is limited to; absent means all nodes.</summary>
    [JsonPropertyName("nodes")]
    public string? Nodes { get; init; }

    [JsonPropertyName("shared")]
    public bool? Shared { get; init; }

    [JsonPropertyName("disable")]
    public bool? Disable { get; init; }
}
