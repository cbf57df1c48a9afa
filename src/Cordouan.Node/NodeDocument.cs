namespace Cordouan.Node;

/// <summary>A cluster member as stored at <c>nodes/&lt;name&gt;</c>.</summary>
public sealed record NodeDocument
{
    public int Schema { get; init; } = 1;
    public required string Name { get; init; }
    /// <summary>Management/API address other nodes use to reach this node (proxying, joins).</summary>
    public required string Address { get; init; }
    public int ApiPort { get; init; } = 8006;
    /// <summary>etcd peer URL: the cluster network.</summary>
    public string? ClusterUrl { get; init; }
    /// <summary>Where migration traffic goes; null means <see cref="Address"/>.</summary>
    public string? MigrationAddress { get; init; }
    public int NodeId { get; init; } = 1;
    public IReadOnlyList<string> Roles { get; init; } = ["hypervisor"];
    public string? SslFingerprint { get; init; }
    public bool Maintenance { get; init; }

    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsWitness => Roles.Contains(WitnessRole);

    public const string WitnessRole = "witness";
    public const string HypervisorRole = "hypervisor";
}
