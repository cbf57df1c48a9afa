using System.Text.Json.Serialization;

namespace Cordouan.Cluster.Etcd.Wire;

/// <summary>etcd's response header; only the store revision and the answering member matter to us.</summary>
internal sealed record ResponseHeader
{
    [JsonPropertyName("revision")]
    public long Revision { get; init; }

    [JsonPropertyName("member_id")]
    public ulong MemberId { get; init; }

    [JsonPropertyName("raft_term")]
    public long RaftTerm { get; init; }
}
