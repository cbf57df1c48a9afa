namespace Cordouan.Core.Network;

/// <summary>
/// One interface of a node's network configuration as the operator declared it (Proxmox's <c>/nodes/{node}/network</c>
/// item). Only <c>bridge</c> is managed for now; the live state is read from the kernel (<see cref="LiveInterface"/>).
/// </summary>
public sealed record NodeInterface
{
    public const string BridgeType = "bridge";

    public required string Iface { get; init; }
    public string Type { get; init; } = BridgeType;
    /// <summary>Interfaces enslaved to the bridge (uplinks).</summary>
    public IReadOnlyList<string> BridgePorts { get; init; } = [];
    public bool VlanAware { get; init; }
    /// <summary>IPv4 address with prefix length (<c>10.0.0.1/24</c>); null for a bridge without address.</summary>
    public string? Cidr { get; init; }
    /// <summary>Default gateway reached through this interface.</summary>
    public string? Gateway { get; init; }
    /// <summary>Brought up on apply (and at boot); false leaves it down.</summary>
    public bool Autostart { get; init; } = true;
    public int? Mtu { get; init; }
    public string? Comments { get; init; }
    /// <summary>
    /// Cordouan extension (<c>cordouan-nat</c>): a private network behind this node. Its subnet (from <see cref="Cidr"/>)
    /// is masqueraded out of any other interface, and a dnsmasq on the bridge serves DHCP and DNS.
    /// </summary>
    public bool Nat { get; init; }
    /// <summary>Cordouan extension (<c>cordouan-nat-uplink</c>): masquerade only out of this interface; null = any but the bridge.</summary>
    public string? NatUplink { get; init; }
    /// <summary>Cordouan extension (<c>cordouan-dhcp-range</c>): <c>start-end</c> addresses dnsmasq leases; null = the upper half of the subnet.</summary>
    public string? DhcpRange { get; init; }
}
