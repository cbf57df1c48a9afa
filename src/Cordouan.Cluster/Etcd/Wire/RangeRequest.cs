using System.Text.Json.Serialization;

namespace Cordouan.Cluster.Etcd.Wire;

/// <summary>POST /v3/kv/range. Without <c>serializable</c> the read is linearizable.</summary>
internal sealed record RangeRequest
{
    [JsonPropertyName("key")]
    public required byte[] Key { get; init; }

    [JsonPropertyName("range_end")]
    public byte[]? RangeEnd { get; init; }

    /// <summary>True: answered by the local member from its own copy, without quorum (possibly stale).</summary>
    [JsonPropertyName("serializable")]
    public bool? Serializable { get; init; }
}
