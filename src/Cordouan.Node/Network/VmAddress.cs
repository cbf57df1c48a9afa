namespace Cordouan.Node.Network;

/// <summary>An IPv4 address a VM's NIC holds, as known from the DHCP lease of its NAT bridge on this node.</summary>
/// <param name="Net">The NIC's config key (<c>net0</c>).</param>
public sealed record VmAddress(string Net, string Mac, string Ip, string Bridge);
