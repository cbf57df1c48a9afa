using System.Text.Json.Serialization;

namespace Cordouan.Cluster.Etcd.Wire;

/// <summary>Answer to /v3/kv/range; <see cref="Kvs"/> is absent when nothing matched.</summary>
internal sealed record RangeResponse
{
    [JsonPropertyName("header")]
    public ResponseHeader? Header { get; init; }

    [JsonPropertyName("kvs")]
    public IReadOnlyList<KeyValue>? Kvs { get; init; }
}
