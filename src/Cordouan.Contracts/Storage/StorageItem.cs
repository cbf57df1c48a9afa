using System.Text.Json.Serialization;

namespace Cordouan.Contracts.Storage;

/// <summary>One item of <c>GET /nodes/{node}/storage</c>: a storage as seen by one node, with usage in bytes.</summary>
public sealed record StorageItem
{
    [JsonPropertyName("storage")]
    public required string Storage { get; init; }

    [JsonPropertyName("type")]
    public string? Type { get; init; }

    /// <summary>Comma-joined content types, e.g. <c>images,iso</c>.</summary>
    [JsonPropertyName("content")]
    public string? Content { get; init; }

    [JsonPropertyName("active")]
    public bool? Active { get; init; }

    [JsonPropertyName("enabled")]
    public bool? Enabled { get; init; }

    [JsonPropertyName("shared")]
    public bool? Shared { get; init; }

    [JsonPropertyName("total")]
    public long? Total { get; init; }

    [JsonPropertyName("used")]
    public long? Used { get; init; }

    [JsonPropertyName("avail")]
    public long? Available { get; init; }

    [JsonPropertyName("used_fraction")]
    public double? UsedFraction { get; init; }
}
