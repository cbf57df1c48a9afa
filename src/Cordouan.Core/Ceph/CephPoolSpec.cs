namespace Cordouan.Core.Ceph;

/// <summary>A replicated pool to create.</summary>
public sealed record CephPoolSpec
{
    public required string Name { get; init; }
    public int Size { get; init; } = 3;
    public int MinSize { get; init; } = 2;
    public int PgNum { get; init; } = 128;
    /// <summary><c>on</c>, <c>off</c> or <c>warn</c>.</summary>
    public string AutoscaleMode { get; init; } = "warn";
    public string Application { get; init; } = "rbd";
}
