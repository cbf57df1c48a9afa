using System.Text.Json.Serialization;

namespace Cordouan.Cluster.Etcd.Wire;

/// <summary>A delete inside a txn: one key, or [key, range_end) for a prefix.</summary>
internal sealed record DeleteRangeRequest
{
    [JsonPropertyName("key")]
    public required byte[] Key { get; init; }

    [JsonPropertyName("range_end")]
    public byte[]? RangeEnd { get; init; }
}
