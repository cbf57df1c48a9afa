namespace Cordouan.Core.Ceph;

/// <summary>What <c>ceph init</c> fixes for the whole cluster.</summary>
public sealed record CephInitSpec
{
    /// <summary>Public network in CIDR form (monitors and clients); null only before the node fills in its default.</summary>
    public string? Network { get; init; }

    /// <summary>OSD replication network; the public network when null.</summary>
    public string? ClusterNetwork { get; init; }

    public int Size { get; init; } = 3;
    public int MinSize { get; init; } = 2;
    public int PgBits { get; init; } = 6;

    /// <summary><c>host</c>: one replica per host; <c>osd</c>: replicas may share a host (one-host clusters, tests).</summary>
    public string FailureDomain { get; init; } = "host";
}
