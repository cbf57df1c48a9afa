using System.Text.Json.Nodes;
using Cordouan.Api.Auth;
using Cordouan.Api.Endpoints.Nodes;
using Cordouan.Api.Endpoints.Qemu;
using Cordouan.Api.Http;
using Cordouan.Core.Errors;
using Cordouan.Node.Hosting;
using Cordouan.Node.Storage;
using Cordouan.Node.Telemetry.Rrd;
using Cordouan.Node.Vms;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Cordouan.Api.Endpoints.Telemetry;

/// <summary>
/// Proxmox's <c>rrddata</c> for a node, a VM and a storage: the history this node keeps (<see cref="RrdStore"/>), one
/// object per point with <c>time</c> and the known values under the series' names; counters are rates per second.
/// Unlike Proxmox, the last point is the interval still open (with what it has so far), so a graph is never a minute late.
/// </summary>
public static class RrdDataEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api2/json/nodes/{node}/rrddata", NodeAsync);
        app.MapGet("/api2/json/nodes/{node}/qemu/{vmid}/rrddata", VmAsync);
        app.MapGet("/api2/json/nodes/{node}/storage/{storage}/rrddata", StorageAsync);
    }

    private static async Task<IResult> NodeAsync(HttpContext http, string node, NodeIdentity identity, RrdStore store, IAccessGuard guard, TimeProvider time)
    {
        var reader = await ParamReader.ReadAsync(http, new Dictionary<string, string> { ["node"] = node });
        var (window, consolidation) = ReadWindow(reader, RrdLayout.Timeframes);
        await guard.RequireAsync(http.GetCaller(), $"/nodes/{node}", "Sys.Audit", http.RequestAborted);
        NodeEndpoints.EnsureLocal(node, identity);
        return Points(store.Node, window, consolidation, time);
    }

    private static async Task<IResult> VmAsync(HttpContext http, string node, string vmid, NodeIdentity identity, VmRepository vms, RrdStore store, IAccessGuard guard, TimeProvider time)
    {
        var request = await QemuRequest.ReadAsync(http, identity, guard, node, vmid, "VM.Audit");
        var (window, consolidation) = ReadWindow(request.Params, RrdLayout.Timeframes.Where(t => t != "decade").ToList());
        _ = await vms.FindAsync(request.VmId, http.RequestAborted) ?? throw new VmNotFoundException(request.VmId, node);
        return Points(store.Vm(request.VmId.Value), window, consolidation, time);
    }

    private static async Task<IResult> StorageAsync(HttpContext http, string node, string storage, NodeIdentity identity, StorageRegistry storages, RrdStore store, IAccessGuard guard, TimeProvider time)
    {
        var reader = await ParamReader.ReadAsync(http, new Dictionary<string, string> { ["node"] = node, ["storage"] = storage });
        var (window, consolidation) = ReadWindow(reader, RrdLayout.Timeframes.Where(t => t != "decade").ToList());
        var allowed = await guard.ForCallerAsync(http.GetCaller(), http.RequestAborted);
        if (!allowed($"/storage/{storage}", "Datastore.Audit") && !allowed($"/storage/{storage}", "Datastore.AllocateSpace"))
        {
            throw new PermissionDeniedException($"/storage/{storage}", "Datastore.Audit|Datastore.AllocateSpace");
        }
        NodeEndpoints.EnsureLocal(node, identity);
        var definition = await storages.GetAsync(storage, http.RequestAborted);
        return Points(store.Storage(definition.Id), window, consolidation, time);
    }

    private static (RrdWindow Window, RrdConsolidation Consolidation) ReadWindow(ParamReader reader, IReadOnlyList<string> timeframes)
    {
        var timeframe = reader.Enum("timeframe", timeframes, required: true);
        var cf = reader.Enum("cf", ["AVERAGE", "MAX"]);
        reader.Validate();
        RrdLayout.TryGetWindow(timeframe!, out var window);
        return (window, cf == "MAX" ? RrdConsolidation.Max : RrdConsolidation.Average);
    }

    private static PveResult Points(RrdSeries series, RrdWindow window, RrdConsolidation consolidation, TimeProvider time)
    {
        var items = new JsonArray();
        foreach (var point in series.Fetch(window, consolidation, time.GetUtcNow()))
        {
            var item = new JsonObject { ["time"] = point.Time };
            for (var i = 0; i < point.Values.Count; i++)
            {
                if (point.Values[i] is { } value)
                {
                    item[series.Columns[i].Name] = value;
                }
            }
            items.Add(item);
        }
        return PveResult.List(items);
    }
}
