namespace Cordouan.Node.Cluster.Membership;

/// <summary>What a joining node tells the member it joins through (<c>POST /cluster/config/nodes/{node}</c>).</summary>
public sealed record AddNodeRequest(string Name, string Address, int ApiPort, string ClusterUrl, bool Witness, bool Force);

/// <summary>
/// What the joining node needs to start its etcd member and serve with the cluster's identity: the etcd initial
/// cluster, its node id and the cluster CA (to issue its own node certificate).
/// </summary>
public sealed record AddNodeResult(string ClusterName, int NodeId, ulong MemberId, string InitialCluster, string CaCertificatePem, string CaKeyPem)
{
    // The CA key must never end up in a log line through a record's generated ToString.
    public override string ToString() => $"AddNodeResult {{ ClusterName = {ClusterName}, NodeId = {NodeId}, InitialCluster = {InitialCluster} }}";
}
