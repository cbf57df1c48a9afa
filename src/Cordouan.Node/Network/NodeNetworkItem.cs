using Cordouan.Core.Network;

namespace Cordouan.Node.Network;

/// <summary>One row of <c>GET /nodes/{node}/network</c>: the declared interface (null for one the kernel has but nobody declared) and its live state.</summary>
public sealed record NodeNetworkItem(string Iface, string Type, NodeInterface? Declared, LiveInterface? Live, bool Pending);
