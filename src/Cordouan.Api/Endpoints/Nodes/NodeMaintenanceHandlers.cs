using System.Text.Json.Nodes;
using Cordouan.Api.Auth;
using Cordouan.Api.Http;
using Cordouan.Node.Hosting;
using Cordouan.Node.Maintenance;
using Microsoft.AspNetCore.Http;

namespace Cordouan.Api.Endpoints.Nodes;

/// <summary>
/// Extension: <c>/nodes/{node}/maintenance</c>. <c>POST</c> enters maintenance and evacuates (UPID of a <c>nodemaint</c>
/// task), <c>DELETE</c> leaves it, <c>GET</c> shows the flag and the VMs still on the node. Requests for another node are
/// proxied to it, so the node's own daemon always does the work.
/// </summary>
public static class NodeMaintenanceHandlers
{
    public static async Task<IResult> GetAsync(HttpContext http, string node, NodeIdentity identity, NodeMaintenance maintenance, IAccessGuard guard)
    {
        (await ParamReader.ReadAsync(http, new Dictionary<string, string> { ["node"] = node })).Validate();
        await guard.RequireAsync(http.GetCaller(), $"/nodes/{node}", "Sys.Audit", http.RequestAborted);
        NodeEndpoints.EnsureLocal(node, identity);
        var status = await maintenance.GetStatusAsync(http.RequestAborted);
        var vms = new JsonArray();
        foreach (var vm in status.Vms)
        {
            var item = new JsonObject { ["vmid"] = vm.VmId.Value, ["name"] = vm.Name, ["status"] = vm.Status };
            if (vm.Lock is { } held)
            {
                item["lock"] = held;
            }
            vms.Add(item);
        }
        return PveResult.Ok(new JsonObject { ["maintenance"] = status.Maintenance ? 1 : 0, ["vms"] = vms });
    }

    public static async Task<IResult> EnterAsync(HttpContext http, string node, NodeIdentity identity, NodeMaintenance maintenance, IAccessGuard guard)
    {
        var reader = await ParamReader.ReadAsync(http, new Dictionary<string, string> { ["node"] = node });
        var evacuate = reader.Boolean("evacuate") ?? true;
        reader.Validate();
        var caller = http.GetCaller();
        await guard.RequireAsync(caller, $"/nodes/{node}", "Sys.Modify", http.RequestAborted);
        NodeEndpoints.EnsureLocal(node, identity);
        var upid = await maintenance.EnterAsync(evacuate, caller.Name, http.RequestAborted);
        return PveResult.Ok(upid.ToString());
    }

    public static async Task<IResult> ExitAsync(HttpContext http, string node, NodeIdentity identity, NodeMaintenance maintenance, IAccessGuard guard)
    {
        (await ParamReader.ReadAsync(http, new Dictionary<string, string> { ["node"] = node })).Validate();
        await guard.RequireAsync(http.GetCaller(), $"/nodes/{node}", "Sys.Modify", http.RequestAborted);
        NodeEndpoints.EnsureLocal(node, identity);
        await maintenance.ExitAsync(http.RequestAborted);
        return PveResult.Ok((JsonNode?)null);
    }
}
