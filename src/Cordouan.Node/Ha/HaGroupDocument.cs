namespace Cordouan.Node.Ha;

/// <summary>An HA group at <c>ha/groups/&lt;name&gt;</c>: the nodes its resources prefer, highest priority first.</summary>
public sealed record HaGroupDocument
{
    public required string Name { get; init; }
    public IReadOnlyList<HaGroupNode> Nodes { get; init; } = [];
    /// <summary>Resources may run only on the group's nodes (else they prefer them but may run anywhere).</summary>
    public bool Restricted { get; init; }
    /// <summary>A resource does not move back to a higher-priority node when it comes back.</summary>
    public bool NoFailback { get; init; }
    public string? Comment { get; init; }
}

/// <summary>One member of a group; a higher <see cref="Priority"/> is preferred (Proxmox: <c>node:prio</c>, default 0).</summary>
public sealed record HaGroupNode(string Node, int Priority);
