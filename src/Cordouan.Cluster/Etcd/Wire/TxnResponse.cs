using System.Text.Json.Serialization;

namespace Cordouan.Cluster.Etcd.Wire;

/// <summary>Answer to /v3/kv/txn; <see cref="Succeeded"/> is omitted (false) when a compare failed.</summary>
internal sealed record TxnResponse
{
    [JsonPropertyName("header")]
    public ResponseHeader? Header { get; init; }

    [JsonPropertyName("succeeded")]
    public bool Succeeded { get; init; }
}
