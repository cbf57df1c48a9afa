namespace Cordouan.Client.Requests;

/// <summary>Fields of a node network create or update (null = not sent); <see cref="Delete"/> clears fields on update.</summary>
public sealed record NetworkInterfaceOptions
{
    public string? Type { get; init; }
    public string? BridgePorts { get; init; }
    public bool? VlanAware { get; init; }
    public string? Cidr { get; init; }
    public string? Gateway { get; init; }
    public bool? Autostart { get; init; }
    public int? Mtu { get; init; }
    public string? Comments { get; init; }
    /// <summary>Extensions: a private NAT network (<c>cordouan-nat</c>, <c>cordouan-nat-uplink</c>, <c>cordouan-dhcp-range</c>).</summary>
    public bool? Nat { get; init; }
    public string? NatUplink { get; init; }
    public string? DhcpRange { get; init; }
    public IReadOnlyList<string> Delete { get; init; } = [];

    internal RequestParameters ToParameters() => new RequestParameters()
        .Add("type", Type)
        .Add("bridge_ports", BridgePorts)
        .Add("bridge_vlan_aware", VlanAware)
        .Add("cidr", Cidr)
        .Add("gateway", Gateway)
        .Add("autostart", Autostart)
        .Add("mtu", Mtu)
        .Add("comments", Comments)
        .Add("cordouan-nat", Nat)
        .Add("cordouan-nat-uplink", NatUplink)
        .Add("cordouan-dhcp-range", DhcpRange)
        .Add("delete", Delete.Count == 0 ? null : string.Join(',', Delete));
}
