using System.Text.Json.Serialization;

namespace Cordouan.Cluster.Etcd.Wire;

/// <summary>Answer to a lease grant or keep-alive; a keep-alive of an expired lease has no TTL.</summary>
internal sealed record LeaseResponse
{
    [JsonPropertyName("header")]
    public ResponseHeader? Header { get; init; }

    [JsonPropertyName("ID")]
    public long Id { get; init; }

    [JsonPropertyName("TTL")]
    public long Ttl { get; init; }

    [JsonPropertyName("error")]
    public string? Error { get; init; }
}
