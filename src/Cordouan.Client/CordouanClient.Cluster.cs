using System.Globalization;
using System.Text.Json;
using Cordouan.Client.Errors;
using Cordouan.Client.Requests;
using Cordouan.Contracts.Cluster;
using Cordouan.Contracts.Nodes;

namespace Cordouan.Client;

public sealed partial class CordouanClient
{
    /// <summary><c>GET /version</c>.</summary>
    public Task<VersionInfo> GetVersionAsync(CancellationToken cancellationToken) =>
        SendAsync(ApiRequests.Version(), cancellationToken);

    /// <summary><c>GET /cluster/status</c>.</summary>
    public Task<IReadOnlyList<ClusterStatusItem>> GetClusterStatusAsync(CancellationToken cancellationToken) =>
        SendAsync(ApiRequests.ClusterStatus(), cancellationToken);

    /// <summary><c>GET /cluster/resources</c>, optionally filtered by <c>type</c> (<c>vm</c>, <c>storage</c>, <c>node</c>).</summary>
    public Task<IReadOnlyList<ClusterResource>> GetClusterResourcesAsync(string? type, CancellationToken cancellationToken) =>
        SendAsync(ApiRequests.ClusterResources(type), cancellationToken);

    /// <summary><c>GET /cluster/nextid</c>: the lowest free VM id, or <paramref name="vmid"/> itself if it is free.</summary>
    public async Task<int> GetNextVmIdAsync(int? vmid, CancellationToken cancellationToken)
    {
        var data = await SendAsync(ApiRequests.NextId(vmid), cancellationToken);
        return data.ValueKind switch
        {
            JsonValueKind.String when int.TryParse(data.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) => id,
            JsonValueKind.Number when data.TryGetInt32(out var id) => id,
            _ => throw new CordouanClientException($"GET /cluster/nextid returned '{data.GetRawText()}', not a VM id."),
        };
    }

    /// <summary><c>GET /nodes</c>.</summary>
    public Task<IReadOnlyList<NodeItem>> GetNodesAsync(CancellationToken cancellationToken) =>
        SendAsync(ApiRequests.Nodes(), cancellationToken);

    /// <summary><c>GET /nodes/{node}/status</c>.</summary>
    public Task<NodeStatus> GetNodeStatusAsync(string node, CancellationToken cancellationToken) =>
        SendAsync(ApiRequests.NodeStatus(node), cancellationToken);

    /// <summary>The name of the node this client talks to (the <c>local</c> entry of <c>/cluster/status</c>).</summary>
    public async Task<string> GetLocalNodeAsync(CancellationToken cancellationToken)
    {
        var status = await GetClusterStatusAsync(cancellationToken);
        var nodes = status.Where(s => s.Type == "node" && s.Name is not null).ToList();
        var local = nodes.FirstOrDefault(s => s.Local == true) ?? (nodes.Count == 1 ? nodes[0] : null);
        return local?.Name ?? throw new CordouanClientException($"Failed to tell which node {BaseAddress} is: /cluster/status names no local node; pass --node.");
    }

    /// <summary>The cluster resource of a VM (<c>/cluster/resources?type=vm</c>), or null when no node has it.</summary>
    public async Task<ClusterResource?> FindVmAsync(int vmid, CancellationToken cancellationToken)
    {
        var resources = await GetClusterResourcesAsync("vm", cancellationToken);
        return resources.FirstOrDefault(r => r.VmId == vmid && r.Node is not null);
    }

    /// <summary>The node that owns a VM, so callers never have to name it.</summary>
    public async Task<string> GetVmNodeAsync(int vmid, CancellationToken cancellationToken) =>
        (await FindVmAsync(vmid, cancellationToken))?.Node
            ?? throw new CordouanClientException($"VM {vmid} does not exist in the cluster.");
}
