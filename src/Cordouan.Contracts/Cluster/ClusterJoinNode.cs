using System.Text.Json.Serialization;

namespace Cordouan.Contracts.Cluster;

/// <summary>One entry of <c>nodelist</c> in <c>GET /cluster/config/join</c>: what a joining node needs to know of a member.</summary>
public sealed record ClusterJoinNode
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("nodeid")]
    public int? NodeId { get; init; }

    /// <summary>The member's API address.</summary>
    [JsonPropertyName("pve_addr")]
    public string? ApiAddress { get; init; }

    /// <summary>SHA-256 fingerprint of the member's API certificate, <c>AA:BB:…</c>.</summary>
    [JsonPropertyName("pve_fp")]
    public string? Fingerprint { get; init; }

    [JsonPropertyName("quorum_votes")]
    public int? QuorumVotes { get; init; }

    [JsonPropertyName("ring0_addr")]
    public string? Ring0Address { get; init; }

    /// <summary>Cordouan extension: true for a witness.</summary>
    [JsonPropertyName("witness")]
    public bool? Witness { get; init; }
}
