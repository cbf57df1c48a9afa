using Cordouan.Client.Requests;
using Cordouan.Contracts.Cluster;

namespace Cordouan.Client;

public sealed partial class CordouanClient
{
    /// <summary><c>POST /cluster/config</c>: names this (single-node) cluster; returns the UPID of <c>clustercreate</c>.</summary>
    public Task<string> CreateClusterAsync(string clusterName, CancellationToken cancellationToken) =>
        SendAsync(ApiRequests.CreateCluster(clusterName), cancellationToken);

    /// <summary><c>GET /cluster/config/join</c>: the members, their fingerprints and the cluster's name.</summary>
    public Task<ClusterJoinInfo> GetClusterJoinInfoAsync(string? node, CancellationToken cancellationToken) =>
        SendAsync(ApiRequests.ClusterJoinInfo(node), cancellationToken);

    /// <summary>
    /// <c>POST /cluster/config/join</c>: this node joins the cluster of <paramref name="peer"/>; returns the UPID of
    /// <c>clusterjoin</c>. While it runs the node restarts and its current credentials stop working.
    /// </summary>
    public Task<string> JoinClusterAsync(ClusterPeer peer, bool force, CancellationToken cancellationToken) =>
        SendAsync(ApiRequests.JoinCluster(peer, force), cancellationToken);

    /// <summary><c>GET /cluster/config/nodes</c>.</summary>
    public Task<IReadOnlyList<ClusterConfigNode>> GetClusterConfigNodesAsync(CancellationToken cancellationToken) =>
        SendAsync(ApiRequests.ClusterConfigNodes(), cancellationToken);

    /// <summary><c>DELETE /cluster/config/nodes/{node}</c>: forgets a dead node (refused while it owns VMs unless <paramref name="force"/>).</summary>
    public Task DeleteClusterNodeAsync(string node, bool force, CancellationToken cancellationToken) =>
        SendForDataAsync(ApiRequests.DeleteClusterNode(node, force), cancellationToken);

    /// <summary><c>POST /cluster/config/leave</c>: this node leaves and becomes standalone; returns the UPID of <c>clusterleave</c>.</summary>
    public Task<string> LeaveClusterAsync(CancellationToken cancellationToken) =>
        SendAsync(ApiRequests.LeaveCluster(), cancellationToken);

    /// <summary><c>POST /cluster/config/witness</c>: adds the witness at <paramref name="witness"/>; returns the UPID of <c>witnessadd</c>.</summary>
    public Task<string> AddWitnessAsync(ClusterPeer witness, CancellationToken cancellationToken) =>
        SendAsync(ApiRequests.AddWitness(witness), cancellationToken);

    /// <summary><c>DELETE /cluster/config/witness</c>.</summary>
    public Task RemoveWitnessAsync(CancellationToken cancellationToken) =>
        SendForDataAsync(ApiRequests.RemoveWitness(), cancellationToken);
}
