namespace Cordouan.Network.Links;

/// <summary>One network interface as <c>ip -d -j link show</c> reports it.</summary>
/// <param name="Kind">The link kind (<c>bridge</c>, <c>tun</c>, <c>veth</c>, <c>vlan</c>); null for a physical NIC or loopback.</param>
/// <param name="Master">The bridge it is a port of, if any.</param>
/// <param name="VlanFiltering">For a bridge: VLAN filtering is on.</param>
public sealed record LinkInfo(string Name, string? Kind, string? Master, bool Up, bool VlanFiltering, string? Address);
