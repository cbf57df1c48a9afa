using System.Text.Json.Nodes;
using Cordouan.Api.Auth;
using Cordouan.Api.Http;
using Cordouan.Node.Ha;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Cordouan.Api.Endpoints.Ha;

/// <summary>
/// Routes of <c>/cluster/ha</c> (spec §7): the resource and group configuration. Reads need Sys.Audit on <c>/</c>,
/// writes Sys.Console, as in Proxmox. Handlers live in the files beside this one; <c>resources/{sid}/migrate|relocate</c>
/// record a request the HA engine carries out.
/// </summary>
public static class HaEndpoints
{
    public const string AuditPrivilege = "Sys.Audit";
    public const string WritePrivilege = "Sys.Console";

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api2/json/cluster/ha", IndexAsync);

        var resources = app.MapGroup("/api2/json/cluster/ha/resources");
        resources.MapGet("", HaResourceHandlers.ListAsync);
        resources.MapPost("", HaResourceHandlers.CreateAsync);
        resources.MapGet("/{sid}", HaResourceHandlers.GetAsync);
        resources.MapPut("/{sid}", HaResourceHandlers.UpdateAsync);
        resources.MapDelete("/{sid}", HaResourceHandlers.DeleteAsync);
        resources.MapPost("/{sid}/migrate", (HttpContext http, string sid, HaConfigService ha, IAccessGuard guard) => HaResourceHandlers.RequestMoveAsync(http, sid, HaRequests.Migrate, ha, guard));
        resources.MapPost("/{sid}/relocate", (HttpContext http, string sid, HaConfigService ha, IAccessGuard guard) => HaResourceHandlers.RequestMoveAsync(http, sid, HaRequests.Relocate, ha, guard));

        var groups = app.MapGroup("/api2/json/cluster/ha/groups");
        groups.MapGet("", HaGroupHandlers.ListAsync);
        groups.MapPost("", HaGroupHandlers.CreateAsync);
        groups.MapGet("/{group}", HaGroupHandlers.GetAsync);
        groups.MapPut("/{group}", HaGroupHandlers.UpdateAsync);
        groups.MapDelete("/{group}", HaGroupHandlers.DeleteAsync);
    }

    /// <summary>Proxmox's directory index of <c>/cluster/ha</c> (PVE 8: status, resources, groups).</summary>
    private static async Task<IResult> IndexAsync(HttpContext http, IAccessGuard guard)
    {
        (await ParamReader.ReadAsync(http)).Validate();
        await guard.RequireAsync(http.GetCaller(), "/", AuditPrivilege, http.RequestAborted);
        return PveResult.List([new JsonObject { ["id"] = "status" }, new JsonObject { ["id"] = "resources" }, new JsonObject { ["id"] = "groups" }]);
    }

    /// <summary>Splits a <c>delete</c> list as Proxmox does (<c>,</c>, <c>;</c> or spaces).</summary>
    public static IReadOnlyList<string> SplitList(string? text) =>
        (text ?? "").Split([',', ';', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>An integer parameter as an int; values beyond its range saturate so the range check names the real limit.</summary>
    public static int? Int32(ParamReader reader, string name) => reader.Integer(name) is { } value ? (int)Math.Clamp(value, int.MinValue, int.MaxValue) : null;
}
