using System.Text.Json.Nodes;
using Cordouan.Api.Http;
using Cordouan.Node.Cluster;
using Cordouan.Node.Nodes;
using Cordouan.Node.Vms.Live;

namespace Cordouan.Api.Endpoints.Cluster.Resources;

/// <summary>
/// The <c>node</c> items of <c>/cluster/resources</c>, every cluster member (nodes are not filtered by ACL); an online
/// remote node's figures are those it last published (<see cref="LiveStatusView"/>).
/// </summary>
public static class NodeResources
{
    public static async Task<IReadOnlyList<JsonObject>> ListAsync(ClusterView cluster, NodeStatusReader nodeStatus, LiveStatusView remote, CancellationToken cancellationToken)
    {
        var status = await cluster.GetStatusAsync(cancellationToken);
        var items = new List<JsonObject>(status.Nodes.Count);
        foreach (var node in status.Nodes)
        {
            var item = NodeJson.Item(node, node.Local ? nodeStatus.Read() : null);
            if (!node.Local && node.Online && remote.Host(node.Name) is { } host)
            {
                item["cpu"] = host.Cpu;
                item["maxcpu"] = host.MaxCpu;
                item["mem"] = host.Memory;
                item["maxmem"] = host.MaxMemory;
                item["disk"] = host.Disk;
                item["maxdisk"] = host.MaxDisk;
                item["uptime"] = host.Uptime;
            }
            item["id"] = $"node/{node.Name}";
            item["type"] = "node";
            items.Add(item);
        }
        return items;
    }
}
