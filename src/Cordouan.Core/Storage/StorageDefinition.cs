namespace Cordouan.Core.Storage;

/// <summary>A configured storage (cluster-wide, in etcd). <see cref="Path"/> is the base directory of a dir storage.</summary>
public sealed record StorageDefinition
{
    public const int SchemaVersion = 1;

    public int Schema { get; init; } = SchemaVersion;
    public required string Id { get; init; }
    public required string Type { get; init; }
    public string? Path { get; init; }
    /// <summary>Content types allowed (images, iso, rootdir, vztmpl, backup, snippets, import).</summary>
    public IReadOnlyList<string> Content { get; init; } = ["images"];
    public bool Shared { get; init; }
    public bool Disabled { get; init; }
    /// <summary>Nodes that may use it; empty = all.</summary>
    public IReadOnlyList<string> Nodes { get; init; } = [];
    /// <summary>Default image format for new disks (dir: qcow2).</summary>
    public string? Format { get; init; }
    /// <summary>Ceph pool (rbd only).</summary>
    public string? Pool { get; init; }
}
