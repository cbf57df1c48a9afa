namespace Cordouan.Node;

/// <summary>A cluster member as stored at <c>nodes/&lt;name&gt;</c>.</summary>
public sealed record NodeDocument
{
    public int Schema { get; init; } = 1;
    public required string Name { get; init; }
    public required string Address { get; init; }
    public int NodeId { get; init; } = 1;
    public IReadOnlyList<string> Roles { get; init; } = ["hypervisor"];
    public string? SslFingerprint { get; init; }
    public bool Maintenance { get; init; }
}
