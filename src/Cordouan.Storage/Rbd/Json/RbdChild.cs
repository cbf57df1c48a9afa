using System.Text.Json.Serialization;

namespace Cordouan.Storage.Rbd.Json;

/// <summary>One row of <c>rbd children --format json POOL/IMAGE@SNAP</c>: a clone of that snapshot.</summary>
public sealed record RbdChild
{
    [JsonPropertyName("pool")]
    public string Pool { get; init; } = "";

    [JsonPropertyName("pool_namespace")]
    public string PoolNamespace { get; init; } = "";

    [JsonPropertyName("image")]
    public string Image { get; init; } = "";
}
