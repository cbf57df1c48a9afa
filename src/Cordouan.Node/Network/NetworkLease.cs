using Cordouan.Core.Network;

namespace Cordouan.Node.Network;

/// <summary>A DHCP lease of a NAT bridge and the VM whose NIC has its MAC (null when no VM of the cluster has it).</summary>
public sealed record NetworkLease(DhcpLease Lease, int? VmId);
