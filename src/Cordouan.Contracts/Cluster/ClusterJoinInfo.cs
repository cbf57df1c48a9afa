using System.Text.Json.Serialization;

namespace Cordouan.Contracts.Cluster;

/// <summary>Answer of <c>GET /cluster/config/join</c>: the members a new node can join through, and the cluster's identity.</summary>
public sealed record ClusterJoinInfo
{
    [JsonPropertyName("nodelist")]
    public IReadOnlyList<ClusterJoinNode> NodeList { get; init; } = [];

    /// <summary>The member that answered, which a joining node should use.</summary>
    [JsonPropertyName("preferred_node")]
    public string? PreferredNode { get; init; }

    [JsonPropertyName("totem")]
    public ClusterTotem? Totem { get; init; }

    [JsonPropertyName("config_digest")]
    public string? ConfigDigest { get; init; }
}
