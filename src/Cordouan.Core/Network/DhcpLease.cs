namespace Cordouan.Core.Network;

/// <summary>One DHCP lease of a NAT bridge's dnsmasq.</summary>
/// <param name="Mac">Lower-case, colon-separated.</param>
/// <param name="Hostname">The name the client sent, or null.</param>
/// <param name="Expiry">When the lease ends; null for an infinite lease.</param>
public sealed record DhcpLease(string Mac, string Ip, string? Hostname, DateTimeOffset? Expiry);
