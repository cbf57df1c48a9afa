using System.Text.Json;
using Cordouan.Core.Cluster;
using Cordouan.Node.Hosting;

namespace Cordouan.Node.Cluster;

/// <summary>
/// Reads cluster membership and liveness (lease-bound <c>alive/</c> keys) from etcd. A successful linearizable read
/// means this node is quorate.
/// </summary>
public sealed class ClusterView(IClusterStore store, NodeIdentity identity)
{
    public async Task<ClusterStatus> GetStatusAsync(CancellationToken cancellationToken)
    {
        var clusterEntry = await store.GetAsync(ClusterKeys.Cluster, cancellationToken);
        var cluster = clusterEntry is null ? null : JsonSerializer.Deserialize(clusterEntry.Value, StateJsonContext.Default.ClusterDocument);
        var alive = (await store.ListAsync(ClusterKeys.AlivePrefix, cancellationToken))
            .Select(e => e.Key[ClusterKeys.AlivePrefix.Length..])
            .ToHashSet(StringComparer.Ordinal);
        var nodes = (await store.ListAsync(ClusterKeys.NodesPrefix, cancellationToken))
            .Select(e => JsonSerializer.Deserialize(e.Value, StateJsonContext.Default.NodeDocument)!)
            .Select(n => new ClusterMember(n.Name, n.NodeId, n.Address, n.Name == identity.NodeName, alive.Contains(n.Name)))
            .OrderBy(n => n.NodeId)
            .ToList();
        return new ClusterStatus(cluster?.Name ?? identity.ClusterName, cluster?.ConfigVersion ?? 1, true, nodes);
    }
}
