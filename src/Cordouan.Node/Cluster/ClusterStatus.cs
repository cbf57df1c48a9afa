namespace Cordouan.Node.Cluster;

/// <summary>The cluster as seen from this node.</summary>
public sealed record ClusterStatus(string Name, long ConfigVersion, bool Quorate, IReadOnlyList<ClusterMember> Nodes);

/// <summary>One member; <see cref="Online"/> means its liveness key (bound to its lease) exists.</summary>
public sealed record ClusterMember(string Name, int NodeId, string Address, bool Local, bool Online);
