namespace Cordouan.Node.Cluster.Membership;

/// <summary>
/// What a joining node tells the member it joins through (<c>POST /cluster/config/nodes/{node}</c>), with the PKCS#10
/// request (PEM) for its node certificate: its key never leaves it.
/// </summary>
public sealed record AddNodeRequest(string Name, string Address, int ApiPort, string ClusterUrl, bool Witness, bool Force, string CertificateRequestPem);

/// <summary>
/// What the joining node needs to start its etcd member and serve with the cluster's identity: the etcd initial
/// cluster, its node id, the cluster CA certificate and its node certificate signed by that CA. No private key.
/// </summary>
public sealed record AddNodeResult(string ClusterName, int NodeId, ulong MemberId, string InitialCluster, string CaCertificatePem, string CertificatePem);
