using System.Text.Json;
using Cordouan.Core.Cluster;
using Cordouan.Node.Hosting;

namespace Cordouan.Node.Cluster;

/// <summary>
/// Reads cluster membership and liveness (lease-bound <c>alive/</c> keys) from etcd, with quorum and leader as the
/// local etcd member reports them. Without quorum the reads come from the member's own copy (stale).
/// </summary>
public sealed class ClusterView(IClusterStore store, NodeIdentity identity, IQuorumState quorum)
{
    public async Task<ClusterStatus> GetStatusAsync(CancellationToken cancellationToken)
    {
        var clusterEntry = await store.GetAsync(ClusterKeys.Cluster, cancellationToken);
        var cluster = clusterEntry is null ? null : JsonSerializer.Deserialize(clusterEntry.Value, StateJsonContext.Default.ClusterDocument);
        var alive = (await store.ListAsync(ClusterKeys.AlivePrefix, cancellationToken))
            .Select(e => e.Key[ClusterKeys.AlivePrefix.Length..])
            .ToHashSet(StringComparer.Ordinal);
        var leader = quorum.LeaderName;
        var nodes = new List<ClusterMember>();
        foreach (var n in (await ListNodesAsync(cancellationToken)).OrderBy(n => n.NodeId))
        {
            var traffic = await store.GetAsync(ClusterKeys.NetworkPrefix(n.Name) + "traffic", cancellationToken) is { } t
                ? JsonSerializer.Deserialize(t.Value, Network.NodeNetworkJsonContext.Default.TrafficNetworks)!
                : new Network.TrafficNetworks();
            nodes.Add(new ClusterMember(n.Name, n.NodeId, n.Address, n.Name == identity.NodeName, alive.Contains(n.Name), n.IsWitness, n.Name == leader, n.Maintenance)
            {
                Networks = traffic,
                NetworkWarnings = Network.TrafficNetworkCheck.Warnings(traffic, n),
            });
        }
        return new ClusterStatus(
            cluster?.Name ?? identity.ClusterName, cluster?.ConfigVersion ?? 1, quorum.IsQuorate, cluster?.Formed ?? false, nodes, WarningFor(nodes));
    }

    /// <summary>Every node document, in no particular order.</summary>
    public async Task<IReadOnlyList<NodeDocument>> ListNodesAsync(CancellationToken cancellationToken) =>
        [.. (await store.ListAsync(ClusterKeys.NodesPrefix, cancellationToken)).Select(e => JsonSerializer.Deserialize(e.Value, StateJsonContext.Default.NodeDocument)!)];

    /// <summary>One node's document, or null when no such node is in the cluster.</summary>
    public async Task<NodeDocument?> GetNodeAsync(string name, CancellationToken cancellationToken) =>
        await store.GetAsync(ClusterKeys.Node(name), cancellationToken) is { } entry
            ? JsonSerializer.Deserialize(entry.Value, StateJsonContext.Default.NodeDocument)
            : null;

    // etcd needs a majority of votes: with two, losing either stops every write (what a witness is for).
    private static string? WarningFor(List<ClusterMember> nodes) => nodes.Count == 2
        ? "only 2 votes: losing either node makes the cluster not quorate and stops all management (VMs keep running). Add a witness: cord cluster witness add <address>"
        : null;
}
