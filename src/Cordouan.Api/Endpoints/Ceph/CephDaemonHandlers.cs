using System.Text.Json.Nodes;
using Cordouan.Api.Auth;
using Cordouan.Api.Http;
using Cordouan.Node.Ceph;
using Cordouan.Node.Hosting;
using Microsoft.AspNetCore.Http;

namespace Cordouan.Api.Endpoints.Ceph;

/// <summary>Monitors and managers: list, create (task <c>cephcreatemon</c> / <c>cephcreatemgr</c>), destroy.</summary>
public static class CephDaemonHandlers
{
    public static async Task<IResult> ListMonsAsync(HttpContext http, string node, NodeIdentity identity, IAccessGuard guard, CephService ceph)
    {
        (await CephRequest.ReadAsync(http, identity, guard, node, CephRequest.Audit)).Params.Validate();
        var items = new JsonArray();
        foreach (var mon in await ceph.Cluster.ListMonsAsync(http.RequestAborted))
        {
            var item = new JsonObject { ["name"] = mon.Name, ["addr"] = mon.Address, ["rank"] = mon.Rank, ["quorum"] = mon.InQuorum ? 1 : 0 };
            if (mon.Host is not null)
            {
                item["host"] = mon.Host;
            }
            items.Add(item);
        }
        return PveResult.List(items);
    }

    public static async Task<IResult> CreateMonAsync(HttpContext http, string node, NodeIdentity identity, IAccessGuard guard, CephService ceph, string? monid = null)
    {
        var request = await CephRequest.ReadAsync(http, identity, guard, node, CephRequest.Modify, monid is null ? null : new() { ["monid"] = monid });
        var id = monid ?? request.Params.String("monid") ?? node;
        var address = request.Params.String("mon-address");
        CheckId(request.Params, "monid", id);
        request.Params.Validate();
        return PveResult.Ok((await ceph.CreateMonAsync(id, address, request.Caller.Name, http.RequestAborted)).ToString());
    }

    public static async Task<IResult> DestroyMonAsync(HttpContext http, string node, string monid, NodeIdentity identity, IAccessGuard guard, CephService ceph)
    {
        var request = await CephRequest.ReadAsync(http, identity, guard, node, CephRequest.Modify, new() { ["monid"] = monid });
        CheckId(request.Params, "monid", monid);
        request.Params.Validate();
        return PveResult.Ok((await ceph.DestroyMonAsync(monid, request.Caller.Name, http.RequestAborted)).ToString());
    }

    public static async Task<IResult> ListMgrsAsync(HttpContext http, string node, NodeIdentity identity, IAccessGuard guard, CephService ceph)
    {
        (await CephRequest.ReadAsync(http, identity, guard, node, CephRequest.Audit)).Params.Validate();
        var items = new JsonArray();
        foreach (var mgr in await ceph.Cluster.ListMgrsAsync(http.RequestAborted))
        {
            var item = new JsonObject { ["name"] = mgr.Name, ["state"] = mgr.Active ? "active" : "standby" };
            if (mgr.Address is not null)
            {
                item["addr"] = mgr.Address;
            }
            if (mgr.Host is not null)
            {
                item["host"] = mgr.Host;
            }
            items.Add(item);
        }
        return PveResult.List(items);
    }

    public static async Task<IResult> CreateMgrAsync(HttpContext http, string node, NodeIdentity identity, IAccessGuard guard, CephService ceph, string? id = null)
    {
        var request = await CephRequest.ReadAsync(http, identity, guard, node, CephRequest.Modify, id is null ? null : new() { ["id"] = id });
        var mgrId = id ?? request.Params.String("id") ?? node;
        CheckId(request.Params, "id", mgrId);
        request.Params.Validate();
        return PveResult.Ok((await ceph.CreateMgrAsync(mgrId, request.Caller.Name, http.RequestAborted)).ToString());
    }

    public static async Task<IResult> DestroyMgrAsync(HttpContext http, string node, string id, NodeIdentity identity, IAccessGuard guard, CephService ceph)
    {
        var request = await CephRequest.ReadAsync(http, identity, guard, node, CephRequest.Modify, new() { ["id"] = id });
        CheckId(request.Params, "id", id);
        request.Params.Validate();
        return PveResult.Ok((await ceph.DestroyMgrAsync(id, request.Caller.Name, http.RequestAborted)).ToString());
    }

    private static void CheckId(ParamReader p, string name, string id)
    {
        if (!CephRequest.IsDaemonId(id))
        {
            p.AddError(name, $"invalid format - '{id}' must be letters, digits and inner dashes");
        }
    }
}
