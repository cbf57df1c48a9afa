using Cordouan.Core.Ids;

namespace Cordouan.Node.Vms;

/// <summary>
/// A VM as stored in etcd at <c>vms/&lt;vmid&gt;</c>: its Proxmox-style config, owner node, lock and snapshots.
/// The etcd mod revision is carried beside it (not inside) and is the basis of the config digest.
/// </summary>
public sealed record VmDocument
{
    public const int CurrentSchema = 1;

    public int Schema { get; init; } = CurrentSchema;
    public required int VmId { get; init; }
    /// <summary>The node that owns (runs, and alone may change) the VM.</summary>
    public required string Owner { get; init; }
    public IReadOnlyDictionary<string, string> Config { get; init; } = new Dictionary<string, string>();
    /// <summary>A persistent lock (create, clone, snapshot, rollback, ...) or null.</summary>
    public string? Lock { get; init; }
    /// <summary>Latest snapshot name (the parent of "current").</summary>
    public string? Parent { get; init; }
    public IReadOnlyDictionary<string, SnapshotDocument> Snapshots { get; init; } = new Dictionary<string, SnapshotDocument>();
    /// <summary>The config values the cloud-init drive was last written from (Proxmox's <c>[special:cloudinit]</c>); null before the first write.</summary>
    public IReadOnlyDictionary<string, string>? CloudInit { get; init; }

    public VmId Id => new(VmId);

    public bool IsTemplate => Config.TryGetValue("template", out var t) && t == "1";

    public string Name => Config.TryGetValue("name", out var n) ? n : $"VM {VmId}";

    public VmDocument WithConfig(string key, string? value)
    {
        var config = new Dictionary<string, string>(Config, StringComparer.Ordinal);
        if (value is null)
        {
            config.Remove(key);
        }
        else
        {
            config[key] = value;
        }
        return this with { Config = config };
    }
}
