using Cordouan.Core.Network;

namespace Cordouan.Node.Network;

/// <summary>
/// Whether a node's API address and etcd peer address lie in its configured management and cluster networks. Moving
/// them is a restart with other options (and, for etcd, a member update), a join-like step never taken behind the
/// operator's back: a mismatch is a warning that says what to restart with.
/// </summary>
public static class TrafficNetworkCheck
{
    /// <summary>One line per address outside its network; empty when all is in place or nothing is set.</summary>
    public static IReadOnlyList<string> Warnings(TrafficNetworks networks, NodeDocument node)
    {
        var warnings = new List<string>();
        if (networks.Management is { } management && IsOutside(management, node.Address))
        {
            warnings.Add($"API address {node.Address} is outside the management network {management}: restart cordouand with " +
                $"--address <its address in {management}> and --listen <that address>:{node.ApiPort}");
        }
        // An external etcd (no peer URL of ours) has its own peers: nothing of this node to check.
        if (networks.Cluster is { } cluster && Uri.TryCreate(node.ClusterUrl, UriKind.Absolute, out var peer) && IsOutside(cluster, peer.Host))
        {
            warnings.Add($"etcd peer address {peer.Host} is outside the cluster network {cluster}: update this member's peer URL " +
                $"(etcdctl member update) and restart cordouand with --etcd-peer-url {peer.Scheme}://<its address in {cluster}>:{peer.Port}");
        }
        return warnings;
    }

    /// <summary>True when <paramref name="address"/> is surely not <paramref name="network"/> (an address) nor inside it (a CIDR); a host name is never judged.</summary>
    public static bool IsOutside(string network, string address)
    {
        if (Ipv4Subnet.ParseAddress(address) is not { } value)
        {
            return false;
        }
        if (!network.Contains('/', StringComparison.Ordinal))
        {
            return Ipv4Subnet.ParseAddress(network) != value;
        }
        return Ipv4Subnet.TryParse(network) is { } subnet && (value & subnet.Mask) != subnet.Network;
    }
}
