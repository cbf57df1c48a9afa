using System.CommandLine;
using Cordouan.Client.Requests;

namespace Cordouan.Cli.Commands.Network;

/// <summary>The field options of <c>cord net create</c> and <c>cord net set</c>, named after the API fields.</summary>
public sealed class NetOptionSet
{
    private readonly Option<string?> _ports = new("--bridge-ports") { Description = "Uplinks, space or comma separated (e.g. eth1)" };
    private readonly Option<bool?> _vlanAware = new("--vlan-aware") { Description = "VLAN-aware bridge (1|0): NIC tags become bridge VLANs" };
    private readonly Option<string?> _cidr = new("--cidr") { Description = "IPv4 address with prefix, e.g. 10.10.0.1/24" };
    private readonly Option<string?> _gateway = new("--gateway") { Description = "Default gateway through this bridge" };
    private readonly Option<bool?> _autostart = new("--autostart") { Description = "Bring it up on apply and at boot (1|0, default 1)" };
    private readonly Option<int?> _mtu = new("--mtu") { Description = "MTU (1280-65520)" };
    private readonly Option<string?> _comments = new("--comments") { Description = "Free text" };
    private readonly Option<bool?> _nat = new("--nat") { Description = "Private NAT network (1|0): masquerade the subnet of --cidr, DHCP and DNS on the bridge" };
    private readonly Option<string?> _natUplink = new("--nat-uplink") { Description = "Masquerade out of this interface only (default: any but the bridge)" };
    private readonly Option<string?> _dhcpRange = new("--dhcp-range") { Description = "DHCP addresses start-end (default: the upper half of the subnet)" };
    private readonly Option<string[]>? _delete;

    public NetOptionSet(Command command, bool withDelete)
    {
        command.Add(_ports);
        command.Add(_vlanAware);
        command.Add(_cidr);
        command.Add(_gateway);
        command.Add(_autostart);
        command.Add(_mtu);
        command.Add(_comments);
        command.Add(_nat);
        command.Add(_natUplink);
        command.Add(_dhcpRange);
        if (withDelete)
        {
            _delete = new Option<string[]>("--delete") { Description = "Fields to clear (bridge_ports, cidr, gateway, mtu, comments, cordouan-nat, cordouan-nat-uplink, cordouan-dhcp-range); repeatable", AllowMultipleArgumentsPerToken = true };
            command.Add(_delete);
        }
    }

    public NetworkInterfaceOptions Read(ParseResult parseResult, string? type) => new()
    {
        Type = type,
        BridgePorts = parseResult.GetValue(_ports),
        VlanAware = parseResult.GetValue(_vlanAware),
        Cidr = parseResult.GetValue(_cidr),
        Gateway = parseResult.GetValue(_gateway),
        Autostart = parseResult.GetValue(_autostart),
        Mtu = parseResult.GetValue(_mtu),
        Comments = parseResult.GetValue(_comments),
        Nat = parseResult.GetValue(_nat),
        NatUplink = parseResult.GetValue(_natUplink),
        DhcpRange = parseResult.GetValue(_dhcpRange),
        Delete = _delete is null ? [] : parseResult.GetValue(_delete) ?? [],
    };
}
