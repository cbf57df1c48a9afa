using System.Text.Json.Serialization;

namespace Cordouan.Cluster.Etcd.Wire;

/// <summary>POST /v3/kv/txn: if every compare holds, apply <see cref="Success"/>; we never use the failure branch.</summary>
internal sealed record TxnRequest
{
    [JsonPropertyName("compare")]
    public required IReadOnlyList<Compare> Compare { get; init; }

    [JsonPropertyName("success")]
    public required IReadOnlyList<RequestOp> Success { get; init; }
}
