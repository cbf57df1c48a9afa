using System.Text.Json.Serialization;

namespace Cordouan.Cluster.Etcd.Wire;

/// <summary>mvccpb.KeyValue: key and value are base64 in JSON; an empty value is omitted by the gateway.</summary>
internal sealed record KeyValue
{
    [JsonPropertyName("key")]
    public byte[] Key { get; init; } = [];

    [JsonPropertyName("value")]
    public byte[]? Value { get; init; }

    [JsonPropertyName("create_revision")]
    public long CreateRevision { get; init; }

    [JsonPropertyName("mod_revision")]
    public long ModRevision { get; init; }

    [JsonPropertyName("version")]
    public long Version { get; init; }

    [JsonPropertyName("lease")]
    public long Lease { get; init; }
}
