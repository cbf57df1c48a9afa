namespace Cordouan.Node.Vms;

/// <summary>A snapshot of a VM: its config at the time, and its parent in the snapshot tree.</summary>
public sealed record SnapshotDocument
{
    public required string Name { get; init; }
    public string Description { get; init; } = "";
    public long SnapTime { get; init; }
    public string? Parent { get; init; }
    public IReadOnlyDictionary<string, string> Config { get; init; } = new Dictionary<string, string>();
}
