namespace Cordouan.Node.Network;

/// <summary>
/// Which network carries each kind of a node's traffic, at <c>network/&lt;node&gt;/traffic</c>: an IPv4 CIDR (the
/// node's own address inside it is used) or an IPv4 address; null = not set (the node's address).
/// </summary>
public sealed record TrafficNetworks
{
    public int Schema { get; init; } = 1;
    /// <summary>API, proxying between nodes, joins.</summary>
    public string? Management { get; init; }
    /// <summary>etcd peers.</summary>
    public string? Cluster { get; init; }
    /// <summary>Live migration streams (QEMU's incoming socket, disk mirrors).</summary>
    public string? Migration { get; init; }
    public string? CephPublic { get; init; }
    public string? CephCluster { get; init; }

    /// <summary>The traffic kinds by their API/CLI name (<c>cordouan-net-&lt;name&gt;</c>, <c>--&lt;name&gt;</c>).</summary>
    public static readonly IReadOnlyList<string> Kinds = ["management", "cluster", "migration", "ceph-public", "ceph-cluster"];

    public string? Get(string kind) => kind switch
    {
        "management" => Management,
        "cluster" => Cluster,
        "migration" => Migration,
        "ceph-public" => CephPublic,
        "ceph-cluster" => CephCluster,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown traffic kind"),
    };

    public TrafficNetworks With(string kind, string? value) => kind switch
    {
        "management" => this with { Management = value },
        "cluster" => this with { Cluster = value },
        "migration" => this with { Migration = value },
        "ceph-public" => this with { CephPublic = value },
        "ceph-cluster" => this with { CephCluster = value },
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown traffic kind"),
    };

    public bool IsEmpty => Kinds.All(k => Get(k) is null);
}
