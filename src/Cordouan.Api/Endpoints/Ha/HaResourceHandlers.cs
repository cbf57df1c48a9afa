using System.Text.Json.Nodes;
using Cordouan.Api.Auth;
using Cordouan.Api.Http;
using Cordouan.Node.Ha;
using Microsoft.AspNetCore.Http;

namespace Cordouan.Api.Endpoints.Ha;

/// <summary><c>/cluster/ha/resources[/{sid}]</c>: one handler per verb; checks and texts live in <see cref="HaConfigService"/>.</summary>
public static class HaResourceHandlers
{
    public static async Task<IResult> ListAsync(HttpContext http, HaConfigService ha, IAccessGuard guard)
    {
        var reader = await ParamReader.ReadAsync(http);
        var type = reader.Enum("type", ["vm", "ct"]);
        reader.Validate();
        await guard.RequireAsync(http.GetCaller(), "/", HaEndpoints.AuditPrivilege, http.RequestAborted);
        var items = new JsonArray();
        if (type is null or "vm")
        {
            var groups = (await ha.ListGroupsAsync(http.RequestAborted)).Select(g => g.Document.Name).ToHashSet(StringComparer.Ordinal);
            foreach (var resource in await ha.ListResourcesAsync(http.RequestAborted))
            {
                items.Add(HaJson.Resource(resource, resource.Document.Group is not { } group || groups.Contains(group)));
            }
        }
        return PveResult.List(items);
    }

    public static async Task<IResult> GetAsync(HttpContext http, string sid, HaConfigService ha, IAccessGuard guard)
    {
        (await ParamReader.ReadAsync(http, PathValues(sid))).Validate();
        await guard.RequireAsync(http.GetCaller(), "/", HaEndpoints.AuditPrivilege, http.RequestAborted);
        return PveResult.Ok(HaJson.Resource(await ha.GetResourceAsync(sid, http.RequestAborted)));
    }

    /// <summary>Only VMs are managed, so <c>type</c> may only say <c>vm</c>.</summary>
    public static async Task<IResult> CreateAsync(HttpContext http, HaConfigService ha, IAccessGuard guard)
    {
        var reader = await ParamReader.ReadAsync(http);
        var sid = reader.RequiredString("sid");
        reader.Enum("type", ["vm"]);
        var settings = ReadSettings(reader);
        reader.Validate();
        await guard.RequireAsync(http.GetCaller(), "/", HaEndpoints.WritePrivilege, http.RequestAborted);
        await ha.CreateResourceAsync(sid, settings, http.RequestAborted);
        return PveResult.Ok((JsonNode?)null);
    }

    public static async Task<IResult> UpdateAsync(HttpContext http, string sid, HaConfigService ha, IAccessGuard guard)
    {
        var reader = await ParamReader.ReadAsync(http, PathValues(sid));
        var change = ReadSettings(reader) with { Delete = HaEndpoints.SplitList(reader.String("delete")) };
        var digest = reader.String("digest");
        reader.Validate();
        await guard.RequireAsync(http.GetCaller(), "/", HaEndpoints.WritePrivilege, http.RequestAborted);
        await ha.UpdateResourceAsync(sid, change, digest, http.RequestAborted);
        return PveResult.Ok((JsonNode?)null);
    }

    /// <summary><c>purge</c> (Proxmox 9: also drop the resource from HA rules) is accepted; there are no rules to purge.</summary>
    public static async Task<IResult> DeleteAsync(HttpContext http, string sid, HaConfigService ha, IAccessGuard guard)
    {
        var reader = await ParamReader.ReadAsync(http, PathValues(sid));
        reader.Boolean("purge");
        reader.Validate();
        await guard.RequireAsync(http.GetCaller(), "/", HaEndpoints.WritePrivilege, http.RequestAborted);
        await ha.DeleteResourceAsync(sid, http.RequestAborted);
        return PveResult.Ok((JsonNode?)null);
    }

    /// <summary>
    /// <c>POST …/{sid}/migrate</c> (live) and <c>…/relocate</c> (stop, move, start): accepted at once, carried out by the
    /// node that runs the VM; answers PVE 8's <c>{sid, requested-node}</c>.
    /// </summary>
    public static async Task<IResult> RequestMoveAsync(HttpContext http, string sid, string request, HaConfigService ha, IAccessGuard guard)
    {
        var reader = await ParamReader.ReadAsync(http, PathValues(sid));
        var node = reader.RequiredString("node");
        reader.Validate();
        await guard.RequireAsync(http.GetCaller(), "/", HaEndpoints.WritePrivilege, http.RequestAborted);
        var id = await ha.RequestMoveAsync(sid, node, request, http.RequestAborted);
        return PveResult.Ok(new JsonObject { ["sid"] = id, ["requested-node"] = node });
    }

    /// <summary>The optional settings of POST and PUT; their values are checked by <see cref="HaResourceChange.Validate"/>.</summary>
    private static HaResourceChange ReadSettings(ParamReader reader) => new()
    {
        State = reader.String("state"),
        Group = reader.String("group"),
        MaxRestart = HaEndpoints.Int32(reader, "max_restart"),
        MaxRelocate = HaEndpoints.Int32(reader, "max_relocate"),
        Failback = reader.Boolean("failback"),
        Comment = reader.String("comment"),
    };

    private static Dictionary<string, string> PathValues(string sid) => new() { ["sid"] = sid };
}
