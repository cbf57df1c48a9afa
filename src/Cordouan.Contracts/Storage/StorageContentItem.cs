using System.Text.Json.Serialization;

namespace Cordouan.Contracts.Storage;

/// <summary>One item of <c>GET /nodes/{node}/storage/{storage}/content</c>.</summary>
public sealed record StorageContentItem
{
    [JsonPropertyName("volid")]
    public required string VolumeId { get; init; }

    /// <summary><c>images</c>, <c>iso</c>, <c>vztmpl</c>, <c>backup</c>, <c>snippets</c>, <c>import</c> or <c>rootdir</c>.</summary>
    [JsonPropertyName("content")]
    public string? Content { get; init; }

    [JsonPropertyName("format")]
    public string? Format { get; init; }

    [JsonPropertyName("size")]
    public long? Size { get; init; }

    [JsonPropertyName("used")]
    public long? Used { get; init; }

    [JsonPropertyName("vmid")]
    public int? VmId { get; init; }

    [JsonPropertyName("ctime")]
    public long? CreationTime { get; init; }

    [JsonPropertyName("parent")]
    public string? Parent { get; init; }

    [JsonPropertyName("notes")]
    public string? Notes { get; init; }

    [JsonPropertyName("protected")]
    public bool? Protected { get; init; }
}
