using System.Text.Json.Serialization;

namespace Cordouan.Contracts.Nodes;

/// <summary>The <c>memory</c> and <c>swap</c> objects of a node status, in bytes.</summary>
public sealed record NodeMemoryUsage
{
    [JsonPropertyName("total")]
    public long? Total { get; init; }

    [JsonPropertyName("used")]
    public long? Used { get; init; }

    [JsonPropertyName("free")]
    public long? Free { get; init; }

    [JsonPropertyName("available")]
    public long? Available { get; init; }
}
