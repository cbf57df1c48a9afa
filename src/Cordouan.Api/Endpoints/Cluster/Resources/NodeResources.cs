using System.Text.Json.Nodes;
using Cordouan.Api.Http;
using Cordouan.Node.Cluster;
using Cordouan.Node.Nodes;

namespace Cordouan.Api.Endpoints.Cluster.Resources;

/// <summary>The <c>node</c> items of <c>/cluster/resources</c>, every cluster member (nodes are not filtered by ACL).</summary>
public static class NodeResources
{
    public static async Task<IReadOnlyList<JsonObject>> ListAsync(ClusterView cluster, NodeStatusReader nodeStatus, CancellationToken cancellationToken)
    {
        var status = await cluster.GetStatusAsync(cancellationToken);
        var items = new List<JsonObject>(status.Nodes.Count);
        foreach (var node in status.Nodes)
        {
            var item = NodeJson.Item(node, node.Local ? nodeStatus.Read() : null);
            item["id"] = $"node/{node.Name}";
            item["type"] = "node";
            items.Add(item);
        }
        return items;
    }
}
