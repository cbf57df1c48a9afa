namespace Cordouan.Core.Ceph;

/// <summary>
/// Where a new OSD binds: its node's Ceph public and cluster addresses (from the node's traffic networks); null lets
/// Ceph pick the node's first address inside <c>public_network</c> / <c>cluster_network</c>.
/// </summary>
public sealed record CephOsdAddresses(string? Public, string? Cluster)
{
    public static readonly CephOsdAddresses Unpinned = new(null, null);
}
