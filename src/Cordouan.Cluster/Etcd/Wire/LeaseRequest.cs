using System.Text.Json.Serialization;

namespace Cordouan.Cluster.Etcd.Wire;

/// <summary>Body of /v3/lease/grant (TTL in seconds), /v3/lease/keepalive and /v3/lease/revoke (ID).</summary>
internal sealed record LeaseRequest
{
    [JsonPropertyName("ID")]
    public long Id { get; init; }

    [JsonPropertyName("TTL")]
    public long? Ttl { get; init; }
}
