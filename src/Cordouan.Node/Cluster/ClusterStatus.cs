namespace Cordouan.Node.Cluster;

/// <summary>
/// The cluster as seen from this node. <see cref="Quorate"/> false means every value is this node's last known state
/// (stale); <see cref="Warning"/> tells the operator about a fragile setup (two votes without a witness).
/// </summary>
public sealed record ClusterStatus(string Name, long ConfigVersion, bool Quorate, bool Formed, IReadOnlyList<ClusterMember> Nodes, string? Warning)
{
    public string? Witness => Nodes.FirstOrDefault(n => n.Witness)?.Name;
}

/// <summary>One member; <see cref="Online"/> means its liveness key (bound to its lease) exists; <see cref="Maintenance"/> that it takes no new VMs.</summary>
public sealed record ClusterMember(string Name, int NodeId, string Address, bool Local, bool Online, bool Witness, bool Leader, bool Maintenance = false)
{
    /// <summary>The node's traffic networks (empty when none is set).</summary>
    public Network.TrafficNetworks Networks { get; init; } = new();

    /// <summary>Where the node's API or etcd peer address lies outside its management or cluster network (<see cref="Network.TrafficNetworkCheck"/>).</summary>
    public IReadOnlyList<string> NetworkWarnings { get; init; } = [];
}
