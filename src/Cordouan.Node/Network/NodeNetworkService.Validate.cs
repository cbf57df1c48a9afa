using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Cordouan.Core.Errors;
using Cordouan.Core.Network;

namespace Cordouan.Node.Network;

public sealed partial class NodeNetworkService
{
    /// <summary>Checks a whole declared set against itself and the kernel's interfaces; reports every bad field at once.</summary>
    public static void Validate(IReadOnlyList<NodeInterface> declared, IReadOnlyList<LiveInterface> live)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var byName = live.ToDictionary(l => l.Name, StringComparer.Ordinal);
        foreach (var bridge in declared)
        {
            if (!InterfaceName().IsMatch(bridge.Iface) || bridge.Iface == "lo" || TapNames.IsTap(bridge.Iface))
            {
                errors["iface"] = $"invalid interface name '{bridge.Iface}' (1 to 15 letters, digits, '-', '_' or '.'; not lo or a VM tap)";
            }
            if (bridge.Type != NodeInterface.BridgeType)
            {
                errors["type"] = $"network type '{bridge.Type}' is not supported yet (only 'bridge')";
            }
            if (bridge.Cidr is { } cidr && !IsIpv4Cidr(cidr))
            {
                errors["cidr"] = $"value '{cidr}' is not a valid IPv4 CIDR (e.g. 10.0.0.1/24)";
            }
            if (bridge.Gateway is { } gateway && !(IPAddress.TryParse(gateway, out var g) && g.AddressFamily == AddressFamily.InterNetwork))
            {
                errors["gateway"] = $"value '{gateway}' is not a valid IPv4 address";
            }
            else if (bridge.Gateway is not null && bridge.Cidr is null)
            {
                errors["gateway"] = "a gateway needs an address on the same interface (cidr)";
            }
            if (bridge.Mtu is { } mtu && (mtu < 1280 || mtu > 65520))
            {
                errors["mtu"] = "value must be an integer between 1280 and 65520";
            }
            ValidateNat(bridge, errors);
            foreach (var port in bridge.BridgePorts)
            {
                if (!byName.TryGetValue(port, out var p))
                {
                    errors["bridge_ports"] = $"interface '{port}' does not exist";
                }
                else if (p.Kind is "bridge" or "tun" || port == bridge.Iface)
                {
                    errors["bridge_ports"] = $"interface '{port}' cannot be a bridge port (it is a {p.Kind ?? "loopback"})";
                }
                else if (declared.Any(other => other != bridge && other.BridgePorts.Contains(port)))
                {
                    errors["bridge_ports"] = $"interface '{port}' is already a port of another bridge";
                }
            }
        }
        if (declared.Select(d => d.Iface).Distinct(StringComparer.Ordinal).Count() != declared.Count)
        {
            errors["iface"] = "interface declared twice";
        }
        if (declared.Count(d => d.Gateway is not null) > 1)
        {
            errors["gateway"] = "only one interface may have the default gateway";
        }
        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }
    }

    /// <summary>A NAT bridge needs an IPv4 address with room for DHCP; its uplink and range must make sense.</summary>
    private static void ValidateNat(NodeInterface bridge, Dictionary<string, string> errors)
    {
        if (bridge.NatUplink is { } uplink && (!InterfaceName().IsMatch(uplink) || uplink == bridge.Iface || uplink == "lo"))
        {
            errors["cordouan-nat-uplink"] = $"invalid uplink interface '{uplink}' (an interface name other than the bridge and lo)";
        }
        if (!bridge.Nat)
        {
            if (bridge.NatUplink is not null || bridge.DhcpRange is not null)
            {
                errors["cordouan-nat"] = "cordouan-nat-uplink and cordouan-dhcp-range need cordouan-nat=1";
            }
            return;
        }
        if (Ipv4Subnet.TryParse(bridge.Cidr) is not { } subnet)
        {
            errors["cidr"] = "a NAT bridge (cordouan-nat=1) needs an IPv4 address (cidr)";
            return;
        }
        if (bridge.DhcpRange is { } text)
        {
            if (Core.Network.DhcpRange.TryParse(text, subnet, out _) is { } reason)
            {
                errors["cordouan-dhcp-range"] = reason;
            }
        }
        else if (Core.Network.DhcpRange.Default(subnet) is null)
        {
            errors["cidr"] = $"subnet {subnet.NetworkCidr} has no room for DHCP (a NAT bridge needs a /30 or larger)";
        }
    }

    public static bool IsIpv4Cidr(string cidr)
    {
        var parts = cidr.Split('/');
        return parts.Length == 2 && IPAddress.TryParse(parts[0], out var address) && address.AddressFamily == AddressFamily.InterNetwork
            && int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var prefix)
            && prefix is >= 1 and <= 32;
    }

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,15}$")]
    private static partial Regex InterfaceName();
}
