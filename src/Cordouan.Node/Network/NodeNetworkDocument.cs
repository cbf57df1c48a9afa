using Cordouan.Core.Network;

namespace Cordouan.Node.Network;

/// <summary>A node's declared interfaces, at <c>network/&lt;node&gt;/applied</c> or <c>…/staged</c>.</summary>
public sealed record NodeNetworkDocument
{
    public int Schema { get; init; } = 1;
    public IReadOnlyList<NodeInterface> Interfaces { get; init; } = [];
}
