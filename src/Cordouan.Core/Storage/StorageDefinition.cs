namespace Cordouan.Core.Storage;

/// <summary>A configured storage (cluster-wide, in etcd). <see cref="Path"/> is the base directory of a dir storage, <see cref="Pool"/> the pool of an rbd storage.</summary>
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
    /// <summary>Monitors of an external Ceph cluster (rbd only); null = the cluster Cordouan deployed.</summary>
    public string? MonHost { get; init; }
    /// <summary>Ceph client name without <c>client.</c> (rbd only); null = admin.</summary>
    public string? Username { get; init; }
    /// <summary>Keyring contents for an external cluster (rbd only). A secret: written to a 0600 file, never returned or logged.</summary>
    public string? Keyring { get; init; }
    /// <summary>Map images with the kernel client instead of librbd (rbd only; Proxmox's <c>krbd</c>).</summary>
    public bool Krbd { get; init; }

    // A record prints every property; the keyring must never reach a log.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("Id = ").Append(Id).Append(", Type = ").Append(Type).Append(", Path = ").Append(Path).Append(", Pool = ").Append(Pool)
            .Append(", MonHost = ").Append(MonHost).Append(", Username = ").Append(Username);
        return true;
    }
}
