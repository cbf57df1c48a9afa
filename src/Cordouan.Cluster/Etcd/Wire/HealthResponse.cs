using System.Text.Json.Serialization;

namespace Cordouan.Cluster.Etcd.Wire;

/// <summary>Answer to GET /health: <c>{"health":"true"}</c>.</summary>
internal sealed record HealthResponse
{
    [JsonPropertyName("health")]
    public string? Health { get; init; }

    [JsonPropertyName("reason")]
    public string? Reason { get; init; }
}
