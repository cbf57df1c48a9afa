using System.Text.Json.Serialization;

namespace Cordouan.Cluster.Etcd.Wire;

/// <summary>One op of a txn branch: exactly one member is set.</summary>
internal sealed record RequestOp
{
    [JsonPropertyName("request_put")]
    public PutRequest? RequestPut { get; init; }

    [JsonPropertyName("request_delete_range")]
    public DeleteRangeRequest? RequestDeleteRange { get; init; }
}
