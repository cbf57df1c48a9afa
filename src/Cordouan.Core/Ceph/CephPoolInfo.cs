namespace Cordouan.Core.Ceph;

/// <summary>One pool with its replication settings and usage.</summary>
public sealed record CephPoolInfo
{
    public required int Id { get; init; }
    public required string Name { get; init; }
    public int Size { get; init; }
    public int MinSize { get; init; }
    public int PgNum { get; init; }
    public int CrushRule { get; init; }
    public string? CrushRuleName { get; init; }
    public string? AutoscaleMode { get; init; }
    public IReadOnlyList<string> Applications { get; init; } = [];
    public long BytesUsed { get; init; }
    public double PercentUsed { get; init; }
}
