using System.Text.Json.Serialization;

namespace Cordouan.Cluster.Etcd.Wire;

/// <summary>Empty body of POST /v3/cluster/member/list.</summary>
internal sealed record MemberListRequest;

/// <summary>POST /v3/cluster/member/add.</summary>
internal sealed record MemberAddRequest
{
    [JsonPropertyName("peerURLs")]
    public required IReadOnlyList<string> PeerUrls { get; init; }

    /// <summary>A learner receives the log but does not vote until promoted, so adding it never costs quorum.</summary>
    [JsonPropertyName("isLearner")]
    public bool IsLearner { get; init; }
}

/// <summary>POST /v3/cluster/member/remove and /v3/cluster/member/promote.</summary>
internal sealed record MemberRemoveRequest
{
    [JsonPropertyName("ID")]
    public ulong Id { get; init; }
}
