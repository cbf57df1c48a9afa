namespace Cordouan.Ceph.Config;

/// <summary>
/// The Ceph cluster's shared facts in the cluster store (<c>ceph/cluster</c>): what every node needs to write its
/// ceph.conf and keyrings and to add monitors or OSDs. Holds keys: never logged.
/// </summary>
public sealed record CephClusterFacts
{
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;
    public required string Fsid { get; init; }
    public required string PublicNetwork { get; init; }
    public string? ClusterNetwork { get; init; }
    public int Size { get; init; } = 3;
    public int MinSize { get; init; } = 2;
    public int PgBits { get; init; } = 6;
    /// <summary><c>host</c> (replicas on distinct hosts) or <c>osd</c> (single-host clusters).</summary>
    public string FailureDomain { get; init; } = "host";
    public required string MonKey { get; init; }
    public required string AdminKey { get; init; }
    public required string BootstrapOsdKey { get; init; }
    public IReadOnlyList<CephMonEntry> Mons { get; init; } = [];
}
