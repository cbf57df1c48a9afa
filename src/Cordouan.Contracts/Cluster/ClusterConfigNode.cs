using System.Text.Json.Serialization;

namespace Cordouan.Contracts.Cluster;

/// <summary>One item of <c>GET /cluster/config/nodes</c>: a member of the cluster as configured (not its liveness).</summary>
public sealed record ClusterConfigNode
{
    [JsonPropertyName("node")]
    public required string Node { get; init; }

    [JsonPropertyName("nodeid")]
    public int? NodeId { get; init; }

    [JsonPropertyName("quorum_votes")]
    public int? QuorumVotes { get; init; }

    /// <summary>The cluster-network (etcd) address.</summary>
    [JsonPropertyName("ring0_addr")]
    public string? Ring0Address { get; init; }

    /// <summary>Cordouan extension: the API address (host:port).</summary>
    [JsonPropertyName("pve_addr")]
    public string? ApiAddress { get; init; }

    /// <summary>Cordouan extension: true for a witness (votes, runs no VM).</summary>
    [JsonPropertyName("witness")]
    public bool? Witness { get; init; }

    /// <summary>Cordouan extension: whether the node's liveness lease is held.</summary>
    [JsonPropertyName("online")]
    public bool? Online { get; init; }
}
