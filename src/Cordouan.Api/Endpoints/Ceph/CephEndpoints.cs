using System.Text.Json.Nodes;
using Cordouan.Api.Auth;
using Cordouan.Api.Http;
using Cordouan.Node.Ceph;
using Cordouan.Node.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Cordouan.Api.Endpoints.Ceph;

/// <summary>Ceph deployment and status (spec §10): <c>/nodes/{node}/ceph/…</c> and <c>/cluster/ceph/status</c>.</summary>
public static class CephEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api2/json/cluster/ceph/status", ClusterStatusAsync);
        var ceph = app.MapGroup("/api2/json/nodes/{node}/ceph");
        ceph.MapGet("", IndexAsync);
        ceph.MapPost("/init", CephInitHandler.InitAsync);
        ceph.MapGet("/status", StatusAsync);
        ceph.MapGet("/mon", CephDaemonHandlers.ListMonsAsync);
        ceph.MapPost("/mon", CephDaemonHandlers.CreateMonAsync);
        ceph.MapPost("/mon/{monid}", CephDaemonHandlers.CreateMonAsync);
        ceph.MapDelete("/mon/{monid}", CephDaemonHandlers.DestroyMonAsync);
        ceph.MapGet("/mgr", CephDaemonHandlers.ListMgrsAsync);
        ceph.MapPost("/mgr", CephDaemonHandlers.CreateMgrAsync);
        ceph.MapPost("/mgr/{id}", CephDaemonHandlers.CreateMgrAsync);
        ceph.MapDelete("/mgr/{id}", CephDaemonHandlers.DestroyMgrAsync);
        ceph.MapGet("/osd", CephOsdHandlers.TreeAsync);
        ceph.MapPost("/osd", CephOsdHandlers.CreateAsync);
        ceph.MapDelete("/osd/{osdid}", CephOsdHandlers.DestroyAsync);
        ceph.MapPost("/osd/{osdid}/in", CephOsdHandlers.InAsync);
        ceph.MapPost("/osd/{osdid}/out", CephOsdHandlers.OutAsync);
        ceph.MapGet("/pool", CephPoolHandlers.ListAsync);
        ceph.MapPost("/pool", CephPoolHandlers.CreateAsync);
        ceph.MapGet("/pool/{name}", CephPoolHandlers.GetAsync);
        ceph.MapDelete("/pool/{name}", CephPoolHandlers.DestroyAsync);
    }

    private static async Task<IResult> IndexAsync(HttpContext http, string node, NodeIdentity identity, IAccessGuard guard)
    {
        (await CephRequest.ReadAsync(http, identity, guard, node, CephRequest.Audit)).Params.Validate();
        var items = new JsonArray();
        foreach (var sub in new[] { "init", "mgr", "mon", "osd", "pool", "status" })
        {
            items.Add(new JsonObject { ["name"] = sub });
        }
        return PveResult.List(items);
    }

    private static async Task<IResult> StatusAsync(HttpContext http, string node, NodeIdentity identity, IAccessGuard guard, CephService ceph)
    {
        (await CephRequest.ReadAsync(http, identity, guard, node, CephRequest.Audit)).Params.Validate();
        return PveResult.Ok(await ceph.Cluster.StatusAsync(http.RequestAborted));
    }

    private static async Task<IResult> ClusterStatusAsync(HttpContext http, IAccessGuard guard, CephService ceph)
    {
        (await ParamReader.ReadAsync(http)).Validate();
        await guard.RequireAsync(http.GetCaller(), "/", CephRequest.Audit, http.RequestAborted);
        return PveResult.Ok(await ceph.Cluster.StatusAsync(http.RequestAborted));
    }
}
