using System.Text.Json.Nodes;
using Cordouan.Api.Auth;
using Cordouan.Api.Http;
using Cordouan.Node.Hosting;
using Cordouan.Node.Network;
using Microsoft.AspNetCore.Http;

namespace Cordouan.Api.Endpoints.Nodes;

/// <summary>
/// <c>/nodes/{node}/config</c>: the node's settings. So far only the extension fields
/// <c>cordouan-net-{management,cluster,migration,ceph-public,ceph-cluster}</c> (a CIDR or an address each: which
/// network carries that traffic), cleared with <c>delete</c>. Served on the node itself, as every node path.
/// </summary>
public static class NodeConfigHandlers
{
    public static async Task<IResult> GetAsync(HttpContext http, string node, NodeIdentity identity, TrafficNetworkService traffic, IAccessGuard guard)
    {
        (await ParamReader.ReadAsync(http, new Dictionary<string, string> { ["node"] = node })).Validate();
        await guard.RequireAsync(http.GetCaller(), $"/nodes/{node}", "Sys.Audit", http.RequestAborted);
        NodeEndpoints.EnsureLocal(node, identity);
        return PveResult.Ok(Json(await traffic.GetAsync(node, http.RequestAborted)));
    }

    public static async Task<IResult> UpdateAsync(HttpContext http, string node, NodeIdentity identity, TrafficNetworkService traffic, IAccessGuard guard)
    {
        var p = await ParamReader.ReadAsync(http, new Dictionary<string, string> { ["node"] = node });
        var set = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var kind in TrafficNetworks.Kinds)
        {
            if (p.String($"cordouan-net-{kind}") is { } value)
            {
                set[kind] = value;
            }
        }
        var delete = (p.String("delete") ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(k => k.StartsWith("cordouan-net-", StringComparison.Ordinal) ? k["cordouan-net-".Length..] : k).ToList();
        p.Validate();
        await guard.RequireAsync(http.GetCaller(), $"/nodes/{node}", "Sys.Modify", http.RequestAborted);
        NodeEndpoints.EnsureLocal(node, identity);
        await traffic.SetAsync(node, set, delete, http.RequestAborted);
        return PveResult.Ok((JsonNode?)null);
    }

    /// <summary>The set fields as <c>cordouan-net-&lt;kind&gt;</c>.</summary>
    public static JsonObject Json(TrafficNetworks networks)
    {
        var json = new JsonObject();
        foreach (var kind in TrafficNetworks.Kinds)
        {
            if (networks.Get(kind) is { } value)
            {
                json[$"cordouan-net-{kind}"] = value;
            }
        }
        return json;
    }
}
