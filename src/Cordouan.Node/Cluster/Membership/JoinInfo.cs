namespace Cordouan.Node.Cluster.Membership;

/// <summary>The answer of <c>GET /cluster/config/join</c>: the cluster's name, version and members.</summary>
public sealed record JoinInfo(string ClusterName, long ConfigVersion, string PreferredNode, IReadOnlyList<JoinInfoNode> Nodes);

/// <summary>One member as a joining node sees it.</summary>
public sealed record JoinInfoNode(string Name, int NodeId, string Address, int ApiPort, string? Fingerprint, string? ClusterUrl, bool Witness, bool Online);
