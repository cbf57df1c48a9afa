using Cordouan.Core.Network;
using Cordouan.Node.Network;

namespace Cordouan.Node.Ceph;

/// <summary>
/// What Ceph takes from a node's traffic networks (issue 9, <see cref="TrafficNetworks"/>) when a request leaves it
/// out: the cluster's public and cluster networks at <c>init</c>, a monitor's address at <c>mon create</c>, the
/// addresses a new OSD binds to.
/// </summary>
public static class CephTrafficDefaults
{
    /// <summary>
    /// A <c>ceph-public</c> / <c>ceph-cluster</c> setting as a network for <c>init</c>: a CIDR is its network; an address
    /// gives the network of this node's interface address equal to it; null when unset or no interface holds the address.
    /// </summary>
    public static string? Network(string? setting, IReadOnlyList<LiveInterface> live)
    {
        if (setting is null)
        {
            return null;
        }
        if (setting.Contains('/', StringComparison.Ordinal))
        {
            return TrafficNetworkService.Normalize(setting);
        }
        return live.SelectMany(l => l.Addresses)
            .Select(Ipv4Subnet.TryParse)
            .FirstOrDefault(s => s is not null && s.AddressText == setting)?.NetworkCidr;
    }

    /// <summary>
    /// A monitor's address when the request names none: the node's <c>ceph-public</c> setting when it is an address;
    /// null for a CIDR or no setting, where the deployer takes this node's address inside the cluster's public network.
    /// </summary>
    public static string? MonAddress(string? setting) =>
        setting is null || setting.Contains('/', StringComparison.Ordinal) ? null : setting;

    /// <summary>
    /// The address a new OSD binds to for a setting: the setting when it is an address, this node's address inside it
    /// when it is a CIDR, null when unset or when no interface of this node is in that network (Ceph then picks).
    /// </summary>
    public static string? OsdAddress(string? setting, IReadOnlyList<LiveInterface> live) =>
        setting is null ? null : TrafficNetworkService.Resolve(setting, live);
}
