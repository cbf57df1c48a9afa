using System.Text.Json.Serialization;

namespace Cordouan.Cluster.Etcd.Wire;

/// <summary>One etcd member as the cluster API reports it (name is empty until the member has started).</summary>
internal sealed record MemberWire
{
    [JsonPropertyName("ID")]
    public ulong Id { get; init; }

    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonPropertyName("peerURLs")]
    public IReadOnlyList<string>? PeerUrls { get; init; }

    [JsonPropertyName("clientURLs")]
    public IReadOnlyList<string>? ClientUrls { get; init; }

    [JsonPropertyName("isLearner")]
    public bool IsLearner { get; init; }
}

/// <summary>Answer to member list, add and remove: the membership after the call.</summary>
internal sealed record MemberListResponse
{
    [JsonPropertyName("header")]
    public ResponseHeader? Header { get; init; }

    [JsonPropertyName("member")]
    public MemberWire? Member { get; init; }

    [JsonPropertyName("members")]
    public IReadOnlyList<MemberWire>? Members { get; init; }
}
