using System.Text.Json.Nodes;
using Cordouan.Node.Cluster;
using Cordouan.Node.Nodes;

namespace Cordouan.Api.Http;

/// <summary>Node items of <c>/nodes</c> and <c>/cluster/resources</c>.</summary>
public static class NodeJson
{
    public static JsonObject Item(ClusterMember node, HostStatus? host)
    {
        var item = new JsonObject
        {
            ["node"] = node.Name,
            ["status"] = node.Online ? "online" : "offline",
            ["level"] = "",
            // Extension: a node in maintenance takes no new VMs.
            ["maintenance"] = node.Maintenance ? 1 : 0,
        };
        if (host is not null)
        {
            item["cpu"] = host.Cpu;
            item["maxcpu"] = host.Cpus;
            item["mem"] = host.MemoryTotal - host.MemoryAvailable;
            item["maxmem"] = host.MemoryTotal;
            item["disk"] = host.RootTotal - host.RootAvailable;
            item["maxdisk"] = host.RootTotal;
            item["uptime"] = host.UptimeSeconds;
        }
        return item;
    }
}
