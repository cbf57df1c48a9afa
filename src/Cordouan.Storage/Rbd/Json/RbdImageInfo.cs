using System.Text.Json.Serialization;

namespace Cordouan.Storage.Rbd.Json;

/// <summary>The fields of <c>rbd info --format json POOL/IMAGE</c> that storage needs.</summary>
public sealed record RbdImageInfo
{
    [JsonPropertyName("name")]
    public string Name { get; init; } = "";

    [JsonPropertyName("size")]
    public long Size { get; init; }

    /// <summary>Ceph's own text, e.g. <c>Wed Nov 25 22:53:01 2026</c> (UTC on our nodes); see <see cref="RbdTimestamps"/>.</summary>
    [JsonPropertyName("create_timestamp")]
    public string? CreateTimestamp { get; init; }

    /// <summary>The protected snapshot this image is a copy-on-write clone of; null for an independent image.</summary>
    [JsonPropertyName("parent")]
    public RbdParent? Parent { get; init; }
}
