namespace Cordouan.Daemon.Membership;

/// <summary>This node's place in its cluster as recorded at its join (node id 1 for the node that founded it).</summary>
public sealed record NodeMembership(int NodeId);
