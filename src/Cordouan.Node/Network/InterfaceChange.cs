namespace Cordouan.Node.Network;

/// <summary>
/// The fields a create or update sets (null = not given) and the ones it deletes, by Proxmox name
/// (<c>bridge_ports</c>, <c>bridge_vlan_aware</c>, <c>cidr</c>, <c>gateway</c>, <c>autostart</c>, <c>mtu</c>, <c>comments</c>,
/// and the extensions <c>cordouan-nat</c>, <c>cordouan-nat-uplink</c>, <c>cordouan-dhcp-range</c>).
/// </summary>
public sealed record InterfaceChange
{
    public string? Type { get; init; }
    public IReadOnlyList<string>? BridgePorts { get; init; }
    public bool? VlanAware { get; init; }
    public string? Cidr { get; init; }
    public string? Gateway { get; init; }
    public bool? Autostart { get; init; }
    public int? Mtu { get; init; }
    public string? Comments { get; init; }
    public bool? Nat { get; init; }
    public string? NatUplink { get; init; }
    public string? DhcpRange { get; init; }
    public IReadOnlyList<string> Delete { get; init; } = [];
}
