using Cordouan.Node.Cluster;
using Cordouan.Node.Hosting;

namespace Cordouan.Node.Maintenance;

/// <summary>Tells whether this node takes new VMs: a node in maintenance refuses creates, starts and clones onto it.</summary>
public sealed class MaintenanceGuard(ClusterView cluster, NodeIdentity node)
{
    /// <summary>Why a new VM (or a stopped one starting) may not be placed on this node, or null when it may.</summary>
    public async Task<string?> PlacementRefusalAsync(CancellationToken cancellationToken) =>
        await cluster.GetNodeAsync(node.NodeName, cancellationToken) is { Maintenance: true }
            ? $"node '{node.NodeName}' is in maintenance mode: it takes no new VMs (cord node maintenance exit {node.NodeName} lifts it)"
            : null;
}
