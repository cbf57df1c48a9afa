using System.Text.Json.Nodes;
using Cordouan.Api.Auth;
using Cordouan.Api.Http;
using Cordouan.Node.Hosting;
using Cordouan.Node.Network;
using Microsoft.AspNetCore.Http;

namespace Cordouan.Api.Endpoints.Nodes;

/// <summary>
/// <c>/nodes/{node}/network</c> (spec §12): list, create, read, update and delete interfaces (staged), <c>PUT</c>
/// applies the staged configuration (UPID of a <c>srvreload</c> task; extension <c>force=1</c> to cut a management
/// address), <c>DELETE</c> reverts it; extension <c>GET …/{iface}/leases</c> lists a NAT bridge's DHCP leases. Requests for another node are proxied to it.
/// </summary>
public static class NodeNetworkHandlers
{
    private static readonly string[] Types = ["bridge", "bond", "eth", "alias", "vlan", "OVSBridge", "OVSBond", "OVSPort", "OVSIntPort", "vnet", "any_bridge", "any_local_bridge", "include_sdn"];

    public static async Task<IResult> ListAsync(HttpContext http, string node, NodeIdentity identity, NodeNetworkService network, IAccessGuard guard)
    {
        var p = await ParamReader.ReadAsync(http, new Dictionary<string, string> { ["node"] = node });
        var type = p.Enum("type", Types);
        p.Validate();
        await guard.RequireAsync(http.GetCaller(), $"/nodes/{node}", "Sys.Audit", http.RequestAborted);
        NodeEndpoints.EnsureLocal(node, identity);
        var items = new JsonArray();
        foreach (var item in await network.ListAsync(http.RequestAborted))
        {
            if (type is null || item.Type == type || (type is "any_bridge" or "any_local_bridge" && item.Type == "bridge"))
            {
                items.Add(NodeNetworkJson.Item(item));
            }
        }
        return PveResult.List(items);
    }

    public static async Task<IResult> GetAsync(HttpContext http, string node, string iface, NodeIdentity identity, NodeNetworkService network, IAccessGuard guard)
    {
        (await ParamReader.ReadAsync(http, new Dictionary<string, string> { ["node"] = node, ["iface"] = iface })).Validate();
        await guard.RequireAsync(http.GetCaller(), $"/nodes/{node}", "Sys.Audit", http.RequestAborted);
        NodeEndpoints.EnsureLocal(node, identity);
        return PveResult.Ok(NodeNetworkJson.Item(await network.GetAsync(iface, http.RequestAborted)));
    }

    public static async Task<IResult> CreateAsync(HttpContext http, string node, NodeIdentity identity, NodeNetworkService network, IAccessGuard guard)
    {
        var p = await ParamReader.ReadAsync(http, new Dictionary<string, string> { ["node"] = node });
        var iface = p.RequiredString("iface");
        var change = ReadChange(p, typeRequired: true);
        p.Validate();
        await guard.RequireAsync(http.GetCaller(), $"/nodes/{node}", "Sys.Modify", http.RequestAborted);
        NodeEndpoints.EnsureLocal(node, identity);
        await network.CreateAsync(iface, change, http.RequestAborted);
        return PveResult.Ok((JsonNode?)null);
    }

    public static async Task<IResult> UpdateAsync(HttpContext http, string node, string iface, NodeIdentity identity, NodeNetworkService network, IAccessGuard guard)
    {
        var p = await ParamReader.ReadAsync(http, new Dictionary<string, string> { ["node"] = node, ["iface"] = iface });
        var change = ReadChange(p, typeRequired: false) with { Delete = SplitList(p.String("delete")) };
        p.Validate();
        await guard.RequireAsync(http.GetCaller(), $"/nodes/{node}", "Sys.Modify", http.RequestAborted);
        NodeEndpoints.EnsureLocal(node, identity);
        await network.UpdateAsync(iface, change, http.RequestAborted);
        return PveResult.Ok((JsonNode?)null);
    }

    public static async Task<IResult> DeleteAsync(HttpContext http, string node, string iface, NodeIdentity identity, NodeNetworkService network, IAccessGuard guard)
    {
        (await ParamReader.ReadAsync(http, new Dictionary<string, string> { ["node"] = node, ["iface"] = iface })).Validate();
        await guard.RequireAsync(http.GetCaller(), $"/nodes/{node}", "Sys.Modify", http.RequestAborted);
        NodeEndpoints.EnsureLocal(node, identity);
        await network.DeleteAsync(iface, http.RequestAborted);
        return PveResult.Ok((JsonNode?)null);
    }

    /// <summary>Extension: the DHCP leases of a NAT bridge, each matched to the VM whose NIC has its MAC.</summary>
    public static async Task<IResult> LeasesAsync(HttpContext http, string node, string iface, NodeIdentity identity, NodeNetworkService network, IAccessGuard guard)
    {
        (await ParamReader.ReadAsync(http, new Dictionary<string, string> { ["node"] = node, ["iface"] = iface })).Validate();
        await guard.RequireAsync(http.GetCaller(), $"/nodes/{node}", "Sys.Audit", http.RequestAborted);
        NodeEndpoints.EnsureLocal(node, identity);
        var items = new JsonArray();
        foreach (var lease in await network.LeasesAsync(iface, http.RequestAborted))
        {
            var json = new JsonObject
            {
                ["mac"] = lease.Lease.Mac,
                ["ip"] = lease.Lease.Ip,
                ["hostname"] = lease.Lease.Hostname,
                ["expiry"] = lease.Lease.Expiry?.ToUnixTimeSeconds(),
            };
            if (lease.VmId is { } vmid)
            {
                json["vmid"] = vmid;
            }
            items.Add(json);
        }
        return PveResult.List(items);
    }

    public static async Task<IResult> ApplyAsync(HttpContext http, string node, NodeIdentity identity, NodeNetworkService network, IAccessGuard guard)
    {
        var p = await ParamReader.ReadAsync(http, new Dictionary<string, string> { ["node"] = node });
        var force = p.Boolean("force") ?? false;
        p.Validate();
        var caller = http.GetCaller();
        await guard.RequireAsync(caller, $"/nodes/{node}", "Sys.Modify", http.RequestAborted);
        NodeEndpoints.EnsureLocal(node, identity);
        var upid = await network.ApplyAsync(force, caller.Name, http.RequestAborted);
        return PveResult.Ok(upid.ToString());
    }

    public static async Task<IResult> RevertAsync(HttpContext http, string node, NodeIdentity identity, NodeNetworkService network, IAccessGuard guard)
    {
        (await ParamReader.ReadAsync(http, new Dictionary<string, string> { ["node"] = node })).Validate();
        await guard.RequireAsync(http.GetCaller(), $"/nodes/{node}", "Sys.Modify", http.RequestAborted);
        NodeEndpoints.EnsureLocal(node, identity);
        await network.RevertAsync(http.RequestAborted);
        return PveResult.Ok((JsonNode?)null);
    }

    private static InterfaceChange ReadChange(ParamReader p, bool typeRequired) => new()
    {
        Type = p.Enum("type", Types, required: typeRequired),
        BridgePorts = p.String("bridge_ports") is { } ports ? SplitList(ports) : null,
        VlanAware = p.Boolean("bridge_vlan_aware"),
        Cidr = p.String("cidr"),
        Gateway = p.String("gateway"),
        Autostart = p.Boolean("autostart"),
        Mtu = (int?)p.Integer("mtu", 1280, 65520),
        Comments = p.String("comments"),
        Nat = p.Boolean("cordouan-nat"),
        NatUplink = p.String("cordouan-nat-uplink"),
        DhcpRange = p.String("cordouan-dhcp-range"),
    };

    // Proxmox separates bridge ports with spaces; clients also send commas.
    private static List<string> SplitList(string? text) =>
        text is null ? [] : [.. text.Split([' ', ',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
