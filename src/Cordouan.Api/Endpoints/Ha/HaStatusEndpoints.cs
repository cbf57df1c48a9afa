using System.Globalization;
using System.Text.Json.Nodes;
using Cordouan.Api.Auth;
using Cordouan.Api.Http;
using Cordouan.Node.Ha;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Cordouan.Api.Endpoints.Ha;

/// <summary><c>/cluster/ha/status/current</c> and <c>/cluster/ha/status/manager_status</c> (spec §7).</summary>
public static class HaStatusEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api2/json/cluster/ha/status", () => PveResult.List([
            new JsonObject { ["name"] = "current" }, new JsonObject { ["name"] = "manager_status" },
        ]));
        app.MapGet("/api2/json/cluster/ha/status/current", CurrentAsync);
        app.MapGet("/api2/json/cluster/ha/status/manager_status", ManagerStatusAsync);
    }

    private static async Task<IResult> CurrentAsync(HttpContext http, HaStatusReader reader, IAccessGuard guard)
    {
        var status = await ReadAsync(http, reader, guard);
        var items = new JsonArray
        {
            new JsonObject
            {
                ["id"] = "quorum", ["type"] = "quorum", ["node"] = status.LocalNode,
                ["status"] = status.Quorate ? "OK" : $"No quorum on node '{status.LocalNode}'!", ["quorate"] = status.Quorate ? 1 : 0,
            },
        };
        if (status.Manager is { } manager)
        {
            items.Add(new JsonObject
            {
                ["id"] = "master",
                ["type"] = "master",
                ["node"] = manager.Node,
                ["status"] = $"{manager.Node} ({(status.ManagerAlive ? "active" : "lost its lease")}, {Ctime(manager.Since)})",
                ["timestamp"] = manager.Since,
            });
        }
        foreach (var lrm in status.Lrms)
        {
            items.Add(new JsonObject
            {
                ["id"] = $"lrm:{lrm.Node}",
                ["type"] = "lrm",
                ["node"] = lrm.Node,
                ["mode"] = lrm.Mode,
                ["status"] = $"{lrm.Node} ({lrm.Mode}, {Ctime(lrm.Timestamp)})",
                ["timestamp"] = lrm.Timestamp,
            });
        }
        foreach (var service in status.Services)
        {
            var resource = service.Resource;
            var item = new JsonObject
            {
                ["id"] = $"service:{resource.Sid}",
                ["type"] = "service",
                ["sid"] = resource.Sid,
                ["node"] = service.Node,
                ["state"] = service.CrmState,
                ["crm_state"] = service.CrmState,
                ["request_state"] = resource.State,
                ["status"] = $"{resource.Sid} ({service.Node}, {service.CrmState})",
                ["max_restart"] = resource.MaxRestart,
                ["max_relocate"] = resource.MaxRelocate,
                ["failback"] = resource.Failback ? 1 : 0,
            };
            if (service.Message is { } message)
            {
                item["message"] = message;
            }
            if (service.ClaimedBy is { } claimedBy)
            {
                item["claimed_by"] = claimedBy;
            }
            items.Add(item);
        }
        return PveResult.List(items);
    }

    private static async Task<IResult> ManagerStatusAsync(HttpContext http, HaStatusReader reader, IAccessGuard guard)
    {
        var status = await ReadAsync(http, reader, guard);
        var services = new JsonObject();
        foreach (var service in status.Services)
        {
            services[service.Resource.Sid] = new JsonObject { ["node"] = service.Node, ["state"] = service.CrmState };
        }
        var nodes = new JsonObject();
        foreach (var lrm in status.Lrms)
        {
            nodes[lrm.Node] = lrm.Mode == "dead" ? "unknown" : "online";
        }
        var data = new JsonObject { ["node_status"] = nodes, ["service_status"] = services };
        if (status.Manager is { } manager)
        {
            data["master_node"] = manager.Node;
            data["timestamp"] = manager.Since;
        }
        return PveResult.Ok(new JsonObject { ["manager_status"] = data, ["quorum"] = new JsonObject { ["node"] = status.LocalNode, ["quorate"] = status.Quorate ? "1" : "0" } });
    }

    private static async Task<HaStatus> ReadAsync(HttpContext http, HaStatusReader reader, IAccessGuard guard)
    {
        var parameters = await ParamReader.ReadAsync(http);
        parameters.Validate();
        await guard.RequireAsync(http.GetCaller(), "/", "Sys.Audit", http.RequestAborted);
        return await reader.ReadAsync(http.RequestAborted);
    }

    private static string Ctime(long unixSeconds) =>
        DateTimeOffset.FromUnixTimeSeconds(unixSeconds).UtcDateTime.ToString("ddd MMM d HH:mm:ss yyyy", CultureInfo.InvariantCulture);
}
