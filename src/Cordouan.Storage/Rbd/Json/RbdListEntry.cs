using System.Text.Json.Serialization;

namespace Cordouan.Storage.Rbd.Json;

/// <summary>One row of <c>rbd ls -l --format json POOL</c>: an image, or one of its snapshots when <see cref="Snapshot"/> is set.</summary>
public sealed record RbdListEntry
{
    [JsonPropertyName("image")]
    public string Image { get; init; } = "";

    [JsonPropertyName("snapshot")]
    public string? Snapshot { get; init; }

    [JsonPropertyName("size")]
    public long Size { get; init; }

    [JsonPropertyName("parent")]
    public RbdParent? Parent { get; init; }
}
