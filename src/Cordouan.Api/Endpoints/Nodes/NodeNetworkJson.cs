using System.Text.Json.Nodes;
using Cordouan.Node.Network;

namespace Cordouan.Api.Endpoints.Nodes;

/// <summary>A network item in Proxmox's shape (0/1 booleans, <c>families</c>, <c>method</c>, <c>priority</c>).</summary>
internal static class NodeNetworkJson
{
    public static JsonObject Item(NodeNetworkItem item)
    {
        var declared = item.Declared;
        var live = item.Live;
        var cidr = declared is not null ? declared.Cidr : (live is { Addresses.Count: > 0 } ? live.Addresses[0] : null);
        var json = new JsonObject
        {
            ["iface"] = item.Iface,
            ["type"] = item.Type,
            ["active"] = live?.Up == true ? 1 : 0,
            ["exists"] = live is not null ? 1 : 0,
            ["autostart"] = declared?.Autostart ?? live?.Up == true ? 1 : 0,
            ["method"] = cidr is null ? "manual" : "static",
            ["method6"] = "manual",
            ["families"] = new JsonArray("inet"),
            ["priority"] = 0,
        };
        if (cidr is not null)
        {
            json["cidr"] = cidr;
            var parts = cidr.Split('/');
            json["address"] = parts[0];
            json["netmask"] = parts[1];
        }
        if (declared is not null)
        {
            if (declared.Type == "bridge")
            {
                json["bridge_ports"] = string.Join(' ', declared.BridgePorts);
                json["bridge_stp"] = "off";
                json["bridge_fd"] = "0";
                json["bridge_vlan_aware"] = declared.VlanAware ? 1 : 0;
            }
            AddIfSet(json, "gateway", declared.Gateway);
            AddIfSet(json, "comments", declared.Comments);
            if (declared.Mtu is { } mtu)
            {
                json["mtu"] = mtu;
            }
            if (declared.Nat)
            {
                // Extensions: a private NAT network (nftables masquerade and dnsmasq on the bridge).
                json["cordouan-nat"] = 1;
                AddIfSet(json, "cordouan-nat-uplink", declared.NatUplink);
                var subnet = Cordouan.Core.Network.Ipv4Subnet.TryParse(declared.Cidr);
                json["cordouan-dhcp-range"] = declared.DhcpRange
                    ?? (subnet is null ? null : Cordouan.Core.Network.DhcpRange.Default(subnet)?.ToString());
            }
        }
        else if (live is not null && live.Mtu > 0)
        {
            json["mtu"] = live.Mtu;
        }
        if (item.Pending)
        {
            // Extension: the row comes from staged changes not applied yet.
            json["pending"] = 1;
        }
        return json;
    }

    private static void AddIfSet(JsonObject json, string key, string? value)
    {
        if (value is not null)
        {
            json[key] = value;
        }
    }
}
