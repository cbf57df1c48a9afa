using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cordouan.Contracts.Cluster;

/// <summary>One entry of <c>GET /cluster/status</c>: the cluster itself (<c>type=cluster</c>) or a node (<c>type=node</c>).</summary>
public sealed record ClusterStatusItem
{
    [JsonPropertyName("type")]
    public required string Type { get; init; }

    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonPropertyName("nodes")]
    public int? Nodes { get; init; }

    [JsonPropertyName("version")]
    public long? Version { get; init; }

    [JsonPropertyName("quorate")]
    public bool? Quorate { get; init; }

    [JsonPropertyName("nodeid")]
    public int? NodeId { get; init; }

    [JsonPropertyName("ip")]
    public string? Ip { get; init; }

    /// <summary>True for the node that answered the request.</summary>
    [JsonPropertyName("local")]
    public bool? Local { get; init; }

    [JsonPropertyName("online")]
    public bool? Online { get; init; }

    [JsonPropertyName("level")]
    public string? Level { get; init; }

    /// <summary>
    /// Cordouan extension, typed by item: on the cluster item the witness node's name (absent without a witness), on a
    /// node item <c>0</c>/<c>1</c>. Read it through <see cref="WitnessName"/> and <see cref="IsWitness"/>.
    /// </summary>
    [JsonPropertyName("witness")]
    public JsonElement? Witness { get; init; }

    /// <summary>Cordouan extension: a condition the operator should know of (for example two nodes without a witness).</summary>
    [JsonPropertyName("warning")]
    public string? Warning { get; init; }

    /// <summary>Cordouan extension (node items): true for the node whose etcd member leads.</summary>
    [JsonPropertyName("leader")]
    public bool? Leader { get; init; }

    /// <summary>Cordouan extension (node items): true for a node in maintenance mode (it takes no new VMs).</summary>
    [JsonPropertyName("maintenance")]
    public bool? Maintenance { get; init; }

    /// <summary>Cordouan extensions (node items): the networks carrying each kind of the node's traffic (CIDR or address), when set.</summary>
    [JsonPropertyName("cordouan-net-management")]
    public string? ManagementNetwork { get; init; }

    [JsonPropertyName("cordouan-net-cluster")]
    public string? ClusterNetwork { get; init; }

    [JsonPropertyName("cordouan-net-migration")]
    public string? MigrationNetwork { get; init; }

    [JsonPropertyName("cordouan-net-ceph-public")]
    public string? CephPublicNetwork { get; init; }

    [JsonPropertyName("cordouan-net-ceph-cluster")]
    public string? CephClusterNetwork { get; init; }

    /// <summary>Cordouan extension (node items): where the node's API or etcd peer address lies outside its management or cluster network, and what to restart with.</summary>
    [JsonPropertyName("cordouan-net-warnings")]
    public IReadOnlyList<string>? NetworkWarnings { get; init; }

    /// <summary>The set traffic networks as <c>kind=value</c>, in a fixed order.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> Networks =>
    [
        .. new[] { ("management", ManagementNetwork), ("cluster", ClusterNetwork), ("migration", MigrationNetwork), ("ceph-public", CephPublicNetwork), ("ceph-cluster", CephClusterNetwork) }
            .Where(n => n.Item2 is not null).Select(n => $"{n.Item1}={n.Item2}"),
    ];

    /// <summary>Cordouan extension: true when the answering node has no quorum and reports its last known state.</summary>
    [JsonPropertyName("stale")]
    public bool? Stale { get; init; }

    /// <summary>The witness node named by the cluster item, or null.</summary>
    [JsonIgnore]
    public string? WitnessName => Type == "cluster" && Witness is { ValueKind: JsonValueKind.String } name && name.GetString() is { Length: > 0 } text ? text : null;

    /// <summary>True for a node item flagged as the witness.</summary>
    [JsonIgnore]
    public bool IsWitness => Type == "node" && Witness is { } flag && flag.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.Number => flag.TryGetDouble(out var number) && number != 0,
        JsonValueKind.String => flag.GetString() is "1" or "true",
        _ => false,
    };
}
