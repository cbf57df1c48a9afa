using System.Globalization;
using System.Text.Json.Nodes;
using Cordouan.Api.Auth;
using Cordouan.Api.Http;
using Cordouan.Node.Cluster;
using Cordouan.Node.Cluster.Membership;
using Cordouan.Node.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Cordouan.Api.Endpoints.Cluster;

/// <summary>
/// Cluster membership (<c>/cluster/config</c>, spec §9) with Proxmox's shapes, mapped onto etcd membership; plus the
/// Cordouan extension <c>POST /cluster/config/leave</c>.
/// </summary>
public static class ClusterConfigEndpoints
{
    private const string DefaultJoinUser = "admin@pve";

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api2/json/cluster/config", () => PveResult.List([
            new JsonObject { ["name"] = "nodes" }, new JsonObject { ["name"] = "join" }, new JsonObject { ["name"] = "leave" },
            new JsonObject { ["name"] = "witness" },
        ]));
        app.MapPost("/api2/json/cluster/config", CreateAsync);
        app.MapGet("/api2/json/cluster/config/join", JoinInfoAsync);
        app.MapPost("/api2/json/cluster/config/join", JoinAsync);
        app.MapGet("/api2/json/cluster/config/nodes", NodesAsync);
        app.MapPost("/api2/json/cluster/config/nodes/{node}", AddNodeAsync);
        app.MapDelete("/api2/json/cluster/config/nodes/{node}", DeleteNodeAsync);
        app.MapPost("/api2/json/cluster/config/leave", LeaveAsync);
        app.MapPost("/api2/json/cluster/config/witness", AddWitnessAsync);
        app.MapDelete("/api2/json/cluster/config/witness", RemoveWitnessAsync);
    }

    private static async Task<IResult> AddWitnessAsync(HttpContext http, IClusterMembership membership, IAccessGuard guard)
    {
        var p = await ParamReader.ReadAsync(http);
        var hostname = p.RequiredString("hostname");
        var fingerprint = p.RequiredString("fingerprint");
        var password = p.String("password");
        var token = p.String("token");
        var username = p.String("username") ?? DefaultJoinUser;
        if (password is null == token is null)
        {
            p.AddError("password", "give either the witness's administrator password or an API token of it");
        }
        p.Validate();
        var caller = http.GetCaller();
        await guard.RequireAsync(caller, "/", "Sys.Modify", http.RequestAborted);
        var upid = await membership.AddWitnessAsync(new WitnessRequest(hostname, fingerprint, username, password, token), caller.UserId, caller.Name, http.RequestAborted);
        return PveResult.Ok(upid.ToString());
    }

    private static async Task<IResult> RemoveWitnessAsync(HttpContext http, IClusterMembership membership, IAccessGuard guard)
    {
        (await ParamReader.ReadAsync(http)).Validate();
        await guard.RequireAsync(http.GetCaller(), "/", "Sys.Modify", http.RequestAborted);
        await membership.RemoveWitnessAsync(http.RequestAborted);
        return PveResult.Ok((JsonNode?)null);
    }

    private static async Task<IResult> CreateAsync(HttpContext http, IClusterMembership membership, IAccessGuard guard)
    {
        var p = await ParamReader.ReadAsync(http);
        var name = p.RequiredString("clustername");
        p.Accept(["link0", "link1", "nodeid", "votes"]);
        if (name.Length is > 0 and <= 15 && !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            p.AddError("clustername", "value must be a cluster name: letters, digits and '-', up to 15 characters");
        }
        p.Validate();
        await guard.RequireAsync(http.GetCaller(), "/", "Sys.Modify", http.RequestAborted);
        var upid = await membership.CreateAsync(name, http.GetCaller().Name, http.RequestAborted);
        return PveResult.Ok(upid.ToString());
    }

    private static async Task<IResult> JoinInfoAsync(HttpContext http, IClusterMembership membership, IAccessGuard guard)
    {
        var p = await ParamReader.ReadAsync(http);
        p.String("node");
        p.Validate();
        await guard.RequireAsync(http.GetCaller(), "/", "Sys.Audit", http.RequestAborted);
        var info = await membership.GetJoinInfoAsync(http.RequestAborted);
        var nodelist = new JsonArray();
        foreach (var node in info.Nodes)
        {
            nodelist.Add(new JsonObject
            {
                ["name"] = node.Name,
                ["nodeid"] = node.NodeId.ToString(CultureInfo.InvariantCulture),
                ["pve_addr"] = node.Address,
                ["pve_fp"] = node.Fingerprint,
                ["quorum_votes"] = "1",
                ["ring0_addr"] = node.ClusterUrl,
                ["witness"] = node.Witness ? 1 : 0,
                ["online"] = node.Online ? 1 : 0,
            });
        }
        return PveResult.Ok(new JsonObject
        {
            ["nodelist"] = nodelist,
            ["preferred_node"] = info.PreferredNode,
            ["totem"] = new JsonObject { ["cluster_name"] = info.ClusterName, ["config_version"] = info.ConfigVersion.ToString(CultureInfo.InvariantCulture) },
            ["config_digest"] = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
                System.Text.Encoding.UTF8.GetBytes($"{info.ClusterName}:{info.ConfigVersion}:{string.Join(',', info.Nodes.Select(n => n.Name))}"))),
        });
    }

    private static async Task<IResult> JoinAsync(HttpContext http, IClusterMembership membership, IAccessGuard guard)
    {
        var p = await ParamReader.ReadAsync(http);
        var hostname = p.RequiredString("hostname");
        var fingerprint = p.RequiredString("fingerprint");
        var password = p.String("password");
        var token = p.String("token");
        var username = p.String("username") ?? DefaultJoinUser;
        var force = p.Boolean("force") ?? false;
        p.Accept(["link0", "link1", "nodeid", "votes"]);
        if (password is null && token is null)
        {
            p.AddError("password", "property is missing and it is not optional");
        }
        p.Validate();
        await guard.RequireAsync(http.GetCaller(), "/", "Sys.Modify", http.RequestAborted);
        var upid = await membership.JoinAsync(new JoinRequest(hostname, fingerprint, username, password, token, force), http.GetCaller().Name, http.RequestAborted);
        return PveResult.Ok(upid.ToString());
    }

    private static async Task<IResult> NodesAsync(HttpContext http, ClusterView cluster, IAccessGuard guard)
    {
        (await ParamReader.ReadAsync(http)).Validate();
        await guard.RequireAsync(http.GetCaller(), "/", "Sys.Audit", http.RequestAborted);
        var status = await cluster.GetStatusAsync(http.RequestAborted);
        var documents = (await cluster.ListNodesAsync(http.RequestAborted)).ToDictionary(n => n.Name, StringComparer.Ordinal);
        var items = new JsonArray();
        foreach (var node in status.Nodes)
        {
            var document = documents[node.Name];
            items.Add(new JsonObject
            {
                ["node"] = node.Name,
                ["name"] = node.Name,
                ["nodeid"] = node.NodeId.ToString(CultureInfo.InvariantCulture),
                ["quorum_votes"] = "1",
                ["ring0_addr"] = document.ClusterUrl,
                ["pve_addr"] = document.Address,
                ["witness"] = node.Witness ? 1 : 0,
                ["online"] = node.Online ? 1 : 0,
            });
        }
        return PveResult.List(items);
    }

    private static async Task<IResult> AddNodeAsync(HttpContext http, string node, IClusterMembership membership, IAccessGuard guard)
    {
        var p = await ParamReader.ReadAsync(http, new Dictionary<string, string> { ["node"] = node });
        var link0 = p.RequiredString("link0");
        var address = p.String("address") ?? p.String("new_node_ip");
        var apiPort = p.Integer("apiport", 1, 65535) ?? 8006;
        var witness = p.Boolean("witness") ?? false;
        var force = p.Boolean("force") ?? false;
        // The joining node's certificate signing request (PEM): it keeps its key, the member signs.
        var csr = p.String("csr");
        p.Accept(["nodeid", "votes", "apiversion", "link1"]);
        if (address is null)
        {
            p.AddError("address", "property is missing and it is not optional");
        }
        if (csr is null)
        {
            p.AddError("csr", "property is missing and it is not optional");
        }
        p.Validate();
        await guard.RequireAsync(http.GetCaller(), "/", "Sys.Modify", http.RequestAborted);
        var result = await membership.AddNodeAsync(new AddNodeRequest(node, address!, (int)apiPort, link0, witness, force, csr!), http.RequestAborted);
        return PveResult.Ok(new JsonObject
        {
            ["cluster_name"] = result.ClusterName,
            ["nodeid"] = result.NodeId,
            ["member_id"] = result.MemberId.ToString("x16", CultureInfo.InvariantCulture),
            ["initial_cluster"] = result.InitialCluster,
            ["ca_cert"] = result.CaCertificatePem,
            ["certificate"] = result.CertificatePem,
            ["warnings"] = new JsonArray(),
        });
    }

    private static async Task<IResult> DeleteNodeAsync(HttpContext http, string node, IClusterMembership membership, IAccessGuard guard)
    {
        var p = await ParamReader.ReadAsync(http, new Dictionary<string, string> { ["node"] = node });
        var force = p.Boolean("force") ?? false;
        var learner = p.String("learner");
        ulong? learnerId = null;
        if (learner is not null)
        {
            if (ulong.TryParse(learner, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var id))
            {
                learnerId = id;
            }
            else
            {
                p.AddError("learner", "value must be an etcd member id (hex)");
            }
        }
        p.Validate();
        await guard.RequireAsync(http.GetCaller(), "/", "Sys.Modify", http.RequestAborted);
        await membership.DeleteNodeAsync(node, force, learnerId, http.RequestAborted);
        return PveResult.Ok((JsonNode?)null);
    }

    private static async Task<IResult> LeaveAsync(HttpContext http, IClusterMembership membership, IAccessGuard guard)
    {
        (await ParamReader.ReadAsync(http)).Validate();
        await guard.RequireAsync(http.GetCaller(), "/", "Sys.Modify", http.RequestAborted);
        var upid = await membership.LeaveAsync(http.GetCaller().Name, http.RequestAborted);
        return PveResult.Ok(upid.ToString());
    }
}
