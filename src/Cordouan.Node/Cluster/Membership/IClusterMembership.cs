using Cordouan.Core.Tasks;

namespace Cordouan.Node.Cluster.Membership;

/// <summary>
/// Cluster membership as the API exposes it (<c>/cluster/config/*</c>): naming the cluster, joining one, adding and
/// removing nodes, leaving. A cluster is a set of etcd members, one per node plus an optional witness.
/// </summary>
public interface IClusterMembership
{
    /// <summary>Names this node's cluster (the node must still be alone in it). A task of type <c>clustercreate</c>.</summary>
    Task<Upid> CreateAsync(string clusterName, string user, CancellationToken cancellationToken);

    /// <summary>What a joining node needs to know about this cluster (<c>GET /cluster/config/join</c>).</summary>
    Task<JoinInfo> GetJoinInfoAsync(CancellationToken cancellationToken);

    /// <summary>Called by a joining node on a member: registers it as an etcd learner and hands over the cluster CA.</summary>
    Task<AddNodeResult> AddNodeAsync(AddNodeRequest request, CancellationToken cancellationToken);

    /// <summary>Makes this node join the cluster of <see cref="JoinRequest.Hostname"/>. A task of type <c>clusterjoin</c>.</summary>
    Task<Upid> JoinAsync(JoinRequest request, string user, CancellationToken cancellationToken);

    /// <summary>
    /// Removes a node that is gone (<c>delnode</c>); refused while it is online or owns VMs (unless forced).
    /// <paramref name="learnerId"/> names the etcd learner of a join that failed before its member ever started (it
    /// has no name yet), so the joining node's rollback can remove it at once.
    /// </summary>
    Task DeleteNodeAsync(string node, bool force, ulong? learnerId, CancellationToken cancellationToken);

    /// <summary>This node leaves its cluster and becomes a standalone node. A task of type <c>clusterleave</c>.</summary>
    Task<Upid> LeaveAsync(string user, CancellationToken cancellationToken);

    /// <summary>Asks the witness at <see cref="WitnessRequest.Hostname"/> to join this cluster. A task of type <c>witnessadd</c>.</summary>
    Task<Upid> AddWitnessAsync(WitnessRequest request, string callerUserId, string taskUser, CancellationToken cancellationToken);

    /// <summary>Removes the witness (refused while it is online, like delnode).</summary>
    Task RemoveWitnessAsync(CancellationToken cancellationToken);
}
