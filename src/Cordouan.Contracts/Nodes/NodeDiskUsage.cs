using System.Text.Json.Serialization;

namespace Cordouan.Contracts.Nodes;

/// <summary>The <c>rootfs</c> object of a node status, in bytes.</summary>
public sealed record NodeDiskUsage
{
    [JsonPropertyName("total")]
    public long? Total { get; init; }

    [JsonPropertyName("used")]
    public long? Used { get; init; }

    [JsonPropertyName("avail")]
    public long? Available { get; init; }

    [JsonPropertyName("free")]
    public long? Free { get; init; }
}
