using System.Text.Json.Serialization;

namespace Cordouan.Cluster.Etcd.Wire;

/// <summary>A put inside a txn; <see cref="Lease"/> binds the key to a lease.</summary>
internal sealed record PutRequest
{
    [JsonPropertyName("key")]
    public required byte[] Key { get; init; }

    [JsonPropertyName("value")]
    public required byte[] Value { get; init; }

    [JsonPropertyName("lease")]
    public long? Lease { get; init; }
}
