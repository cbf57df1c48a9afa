namespace Cordouan.Core.Network;

/// <summary>An interface as the kernel reports it right now.</summary>
/// <param name="Kind">Link kind (<c>bridge</c>, <c>veth</c>, <c>tun</c>, <c>vlan</c>…); null for a physical NIC or loopback.</param>
/// <param name="Addresses">Global IPv4 addresses with prefix length.</param>
/// <param name="Gateway">The IPv4 default route's gateway when that route goes out of this interface, else null.</param>
public sealed record LiveInterface(string Name, string? Kind, bool Up, string? Master, bool VlanAware, int Mtu, IReadOnlyList<string> Addresses, string? Gateway = null);
