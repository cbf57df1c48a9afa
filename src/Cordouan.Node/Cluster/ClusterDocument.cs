namespace Cordouan.Node.Cluster;

/// <summary>The cluster record at <c>cluster</c>.</summary>
public sealed record ClusterDocument
{
    public int Schema { get; init; } = 1;
    public required string Name { get; init; }
    public required string Id { get; init; }
    public long Created { get; init; }
    public long ConfigVersion { get; init; } = 1;

    /// <summary>Set by <c>cluster create</c>: until then the node is standalone and other nodes cannot join it.</summary>
    public bool Formed { get; init; }
}
