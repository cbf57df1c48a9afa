using System.Text.Json.Serialization;

namespace Cordouan.Storage.Rbd.Json;

/// <summary>The parent of a cloned image, as <c>rbd info</c> and <c>rbd ls -l</c> print it.</summary>
public sealed record RbdParent
{
    [JsonPropertyName("pool")]
    public string Pool { get; init; } = "";

    [JsonPropertyName("pool_namespace")]
    public string PoolNamespace { get; init; } = "";

    [JsonPropertyName("image")]
    public string Image { get; init; } = "";

    [JsonPropertyName("snapshot")]
    public string Snapshot { get; init; } = "";
}
