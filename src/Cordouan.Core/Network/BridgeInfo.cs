namespace Cordouan.Core.Network;

/// <summary>A Linux bridge of this node; <paramref name="VlanAware"/> when VLAN filtering is on (NIC tags are then bridge VLANs).</summary>
public sealed record BridgeInfo(string Name, bool VlanAware);
