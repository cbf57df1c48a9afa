using System.Text.Json.Nodes;
using Cordouan.Api.Auth;
using Cordouan.Api.Endpoints.Cluster.Resources;
using Cordouan.Api.Http;
using Cordouan.Core.Errors;
using Cordouan.Core.Ids;
using Cordouan.Node.Cluster;
using Cordouan.Node.Hosting;
using Cordouan.Node.Storage;
using Cordouan.Node.Tasks;
using Cordouan.Node.Vms;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Cordouan.Api.Endpoints.Cluster;

/// <summary><c>/cluster/status</c>, <c>/cluster/resources</c>, <c>/cluster/nextid</c>, <c>/cluster/tasks</c> (spec §3).</summary>
public static class ClusterEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api2/json/cluster", () => PveResult.List([
            new JsonObject { ["name"] = "status" }, new JsonObject { ["name"] = "resources" },
            new JsonObject { ["name"] = "nextid" }, new JsonObject { ["name"] = "tasks" }, new JsonObject { ["name"] = "ha" },
        ]));
        app.MapGet("/api2/json/cluster/status", StatusAsync);
        app.MapGet("/api2/json/cluster/resources", ResourcesAsync);
        app.MapGet("/api2/json/cluster/nextid", NextIdAsync);
        app.MapGet("/api2/json/cluster/tasks", TasksAsync);
    }

    private static async Task<IResult> StatusAsync(HttpContext http, ClusterView cluster, IAccessGuard guard)
    {
        var reader = await ParamReader.ReadAsync(http);
        reader.Validate();
        await guard.RequireAsync(http.GetCaller(), "/", "Sys.Audit", http.RequestAborted);
        var status = await cluster.GetStatusAsync(http.RequestAborted);
        var summary = new JsonObject
        {
            ["type"] = "cluster",
            ["id"] = "cluster",
            ["name"] = status.Name,
            ["nodes"] = status.Nodes.Count,
            ["version"] = status.ConfigVersion,
            ["quorate"] = status.Quorate ? 1 : 0,
        };
        if (status.Witness is { } witness)
        {
            summary["witness"] = witness;
        }
        if (status.Warning is { } warning)
        {
            summary["warning"] = warning;
        }
        var items = new JsonArray { summary };
        foreach (var node in status.Nodes)
        {
            var item = new JsonObject
            {
                ["type"] = "node",
                ["id"] = $"node/{node.Name}",
                ["name"] = node.Name,
                ["nodeid"] = node.NodeId,
                ["ip"] = node.Address,
                ["local"] = node.Local ? 1 : 0,
                ["online"] = node.Online ? 1 : 0,
                ["level"] = "",
                ["witness"] = node.Witness ? 1 : 0,
                ["leader"] = node.Leader ? 1 : 0,
                ["maintenance"] = node.Maintenance ? 1 : 0,
            };
            // Extensions: the node's traffic networks, as set in /nodes/{node}/config.
            foreach (var (key, value) in Nodes.NodeConfigHandlers.Json(node.Networks))
            {
                item[key] = value!.DeepClone();
            }
            if (node.NetworkWarnings.Count > 0)
            {
                item["cordouan-net-warnings"] = new JsonArray([.. node.NetworkWarnings.Select(w => (JsonNode)w)]);
            }
            if (!status.Quorate)
            {
                item["stale"] = 1;
            }
            items.Add(item);
        }
        return PveResult.List(items);
    }

    private static async Task<IResult> ResourcesAsync(HttpContext http, ClusterView cluster, VmReadModel vms, StorageRegistry storages, IAccessGuard guard, NodeIdentity identity, Node.Nodes.NodeStatusReader nodeStatus, Core.Vms.IVmDriver driver, Node.Vms.Live.ClusterLiveStatus live, TimeProvider time)
    {
        var reader = await ParamReader.ReadAsync(http);
        var type = reader.Enum("type", ["vm", "storage", "node", "sdn"]);
        reader.Validate();
        var ct = http.RequestAborted;
        var remote = type is null or "vm" or "node" ? await live.ReadAsync(ct) : Node.Vms.Live.LiveStatusView.Empty;
        // Issue 4: etcd answers the node reads while the VM items, mostly bytes kept per document revision, are written.
        var nodes = type is null or "node" ? NodeResources.ListAsync(cluster, nodeStatus, remote, ct) : Task.FromResult<IReadOnlyList<JsonObject>>([]);
        Func<string, string, bool> allowed;
        var listed = type is null or "vm" ? await vms.ListAsync(ct) : [];
        using var items = new ResourceListWriter((listed.Count * VmResources.ItemBytesHint) + 65536);
        try
        {
            allowed = await guard.ForCallerAsync(http.GetCaller(), ct);
            await VmResources.AddAsync(items, listed, vms.Derived(VmResourceItem.SerializeWithoutRuntime), allowed, identity.NodeName, driver, remote, time, ct);
        }
        finally
        {
            // Never left running behind a failure above (which is the one reported).
            await ((Task)nodes).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        foreach (var node in await nodes)
        {
            items.Add(node);
        }
        if (type is null or "storage")
        {
            await StorageResources.AddAsync(items, storages, allowed, identity.NodeName, ct);
        }
        return items.ToResult();
    }

    private static async Task<IResult> NextIdAsync(HttpContext http, VmIdAllocator allocator)
    {
        var reader = await ParamReader.ReadAsync(http);
        var requested = reader.Integer("vmid", VmId.Min, VmId.Max);
        reader.Validate();
        if (requested is { } wanted)
        {
            var id = new VmId((int)wanted);
            if (!await allocator.IsFreeAsync(id, http.RequestAborted))
            {
                throw new ValidationException("vmid", $"VM {id} already exists");
            }
            return PveResult.Ok(id.ToString());
        }
        return PveResult.Ok((await allocator.NextAsync(http.RequestAborted)).ToString());
    }

    /// <summary>
    /// The 50 most recent tasks the caller may see, as on <c>/nodes/{node}/tasks</c>: their own, or all of a node's
    /// with Sys.Audit on it (a VM user must not read other users' task ids and errors).
    /// </summary>
    private static async Task<IResult> TasksAsync(HttpContext http, TaskManager tasks, IAccessGuard guard)
    {
        var reader = await ParamReader.ReadAsync(http);
        reader.Validate();
        var caller = http.GetCaller();
        var auditedNodes = new Dictionary<string, bool>(StringComparer.Ordinal);
        var items = new JsonArray();
        foreach (var task in await tasks.ListAsync(http.RequestAborted))
        {
            if (task.User.Split('!')[0] != caller.UserId)
            {
                if (!auditedNodes.TryGetValue(task.Node, out var audited))
                {
                    auditedNodes[task.Node] = audited = await guard.HasAsync(caller, "/nodes/" + task.Node, "Sys.Audit", http.RequestAborted);
                }
                if (!audited)
                {
                    continue;
                }
            }
            items.Add(TaskJson.ListItem(task));
            if (items.Count == 50)
            {
                break;
            }
        }
        return PveResult.List(items);
    }
}
