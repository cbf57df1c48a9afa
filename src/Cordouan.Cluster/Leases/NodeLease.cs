using Cordouan.Core.Cluster;
using Cordouan.Core.Ids;
using Microsoft.Extensions.Logging;

namespace Cordouan.Cluster.Leases;

/// <summary>
/// A node's liveness: a kept-alive lease with <see cref="ClusterKeys.NodeAlive"/> bound to it. The key vanishes when
/// the node stops renewing (crash, partition); <see cref="Lost"/> tells the node itself, no later than etcd decides.
/// </summary>
public sealed class NodeLease : IAsyncDisposable
{
    private readonly LeaseKeeper _lease;

    private NodeLease(NodeName node, LeaseKeeper lease)
    {
        Node = node;
        _lease = lease;
    }

    public NodeName Node { get; }

    /// <summary>The etcd lease id the liveness key is bound to.</summary>
    public long LeaseId => _lease.LeaseId;

    /// <summary>Cancelled when the lease is lost; HA work of this node runs under it.</summary>
    public CancellationToken Lost => _lease.Lost;

    /// <summary>See <see cref="LeaseKeeper.ValidUntilTimestamp"/>.</summary>
    public long ValidUntilTimestamp => _lease.ValidUntilTimestamp;

    /// <summary>Why the lease was lost, once <see cref="Lost"/> fired.</summary>
    public string? LostReason => _lease.LostReason;

    /// <summary>Grants a lease of <paramref name="ttl"/>, keeps it alive and puts the node's liveness key with <paramref name="document"/>.</summary>
    public static async Task<NodeLease> AcquireAsync(
        IClusterStore store, NodeName node, byte[] document, TimeSpan ttl, TimeProvider timeProvider, ILogger logger, CancellationToken cancellationToken)
    {
        var lease = await LeaseKeeper.GrantAsync(store, ttl, timeProvider, logger, cancellationToken);
        try
        {
            await store.PutAsync(ClusterKeys.NodeAlive(node.Value), document, cancellationToken, lease.LeaseId);
        }
        catch
        {
            await lease.DisposeAsync();
            throw;
        }
        return new NodeLease(node, lease);
    }

    /// <summary>Revokes the lease, which removes the liveness key at once (clean shutdown).</summary>
    public ValueTask DisposeAsync() => _lease.DisposeAsync();
}
