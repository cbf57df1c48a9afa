using System.Text.Json.Nodes;
using Cordouan.Api.Auth;
using Cordouan.Api.Http;
using Cordouan.Node.Ha;
using Microsoft.AspNetCore.Http;

namespace Cordouan.Api.Endpoints.Ha;

/// <summary><c>/cluster/ha/groups[/{group}]</c>: one handler per verb; checks and texts live in <see cref="HaConfigService"/>.</summary>
public static class HaGroupHandlers
{
    public static async Task<IResult> ListAsync(HttpContext http, HaConfigService ha, IAccessGuard guard)
    {
        (await ParamReader.ReadAsync(http)).Validate();
        await guard.RequireAsync(http.GetCaller(), "/", HaEndpoints.AuditPrivilege, http.RequestAborted);
        var items = new JsonArray();
        foreach (var group in await ha.ListGroupsAsync(http.RequestAborted))
        {
            items.Add(HaJson.Group(group));
        }
        return PveResult.List(items);
    }

    public static async Task<IResult> GetAsync(HttpContext http, string group, HaConfigService ha, IAccessGuard guard)
    {
        (await ParamReader.ReadAsync(http, PathValues(group))).Validate();
        await guard.RequireAsync(http.GetCaller(), "/", HaEndpoints.AuditPrivilege, http.RequestAborted);
        return PveResult.Ok(HaJson.Group(await ha.GetGroupAsync(group, http.RequestAborted)));
    }

    public static async Task<IResult> CreateAsync(HttpContext http, HaConfigService ha, IAccessGuard guard)
    {
        var reader = await ParamReader.ReadAsync(http);
        var name = reader.RequiredString("group");
        reader.Enum("type", ["group"]);
        var settings = ReadSettings(reader, nodesRequired: true);
        reader.Validate();
        await guard.RequireAsync(http.GetCaller(), "/", HaEndpoints.WritePrivilege, http.RequestAborted);
        await ha.CreateGroupAsync(name, settings, http.RequestAborted);
        return PveResult.Ok((JsonNode?)null);
    }

    public static async Task<IResult> UpdateAsync(HttpContext http, string group, HaConfigService ha, IAccessGuard guard)
    {
        var reader = await ParamReader.ReadAsync(http, PathValues(group));
        var change = ReadSettings(reader, nodesRequired: false) with { Delete = HaEndpoints.SplitList(reader.String("delete")) };
        var digest = reader.String("digest");
        reader.Validate();
        await guard.RequireAsync(http.GetCaller(), "/", HaEndpoints.WritePrivilege, http.RequestAborted);
        await ha.UpdateGroupAsync(group, change, digest, http.RequestAborted);
        return PveResult.Ok((JsonNode?)null);
    }

    public static async Task<IResult> DeleteAsync(HttpContext http, string group, HaConfigService ha, IAccessGuard guard)
    {
        (await ParamReader.ReadAsync(http, PathValues(group))).Validate();
        await guard.RequireAsync(http.GetCaller(), "/", HaEndpoints.WritePrivilege, http.RequestAborted);
        await ha.DeleteGroupAsync(group, http.RequestAborted);
        return PveResult.Ok((JsonNode?)null);
    }

    /// <summary>The settings of POST and PUT; <c>nodes</c> is parsed and checked by <see cref="HaConfigService"/>.</summary>
    private static HaGroupChange ReadSettings(ParamReader reader, bool nodesRequired) => new()
    {
        Nodes = reader.String("nodes", required: nodesRequired),
        Restricted = reader.Boolean("restricted"),
        NoFailback = reader.Boolean("nofailback"),
        Comment = reader.String("comment"),
    };

    private static Dictionary<string, string> PathValues(string group) => new() { ["group"] = group };
}
