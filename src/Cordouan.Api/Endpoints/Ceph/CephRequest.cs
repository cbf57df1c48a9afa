using Cordouan.Access;
using Cordouan.Api.Auth;
using Cordouan.Api.Endpoints.Nodes;
using Cordouan.Api.Http;
using Cordouan.Node.Hosting;
using Microsoft.AspNetCore.Http;

namespace Cordouan.Api.Endpoints.Ceph;

/// <summary>What every <c>/nodes/{node}/ceph</c> handler starts with: local node, parameters, caller, privilege on <c>/</c>.</summary>
public sealed record CephRequest(ParamReader Params, AccessIdentity Caller)
{
    public const string Audit = "Sys.Audit";
    public const string Modify = "Sys.Modify";

    public static async Task<CephRequest> ReadAsync(HttpContext http, NodeIdentity identity, IAccessGuard guard, string node, string privilege, Dictionary<string, string>? pathValues = null)
    {
        pathValues ??= [];
        pathValues["node"] = node;
        var reader = await ParamReader.ReadAsync(http, pathValues);
        var caller = http.GetCaller();
        await guard.RequireAsync(caller, "/", privilege, http.RequestAborted);
        NodeEndpoints.EnsureLocal(node, identity);
        return new CephRequest(reader, caller);
    }

    /// <summary>Daemon ids: letters, digits and inner dashes (Proxmox's pve-configid-like rule).</summary>
    public static bool IsDaemonId(string id) => System.Text.RegularExpressions.Regex.IsMatch(id, "^[A-Za-z0-9]([A-Za-z0-9-]{0,62}[A-Za-z0-9])?$");
}
