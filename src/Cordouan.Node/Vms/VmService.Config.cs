using Cordouan.Core;
using Cordouan.Core.Errors;
using Cordouan.Core.Ids;
using Cordouan.Node.CloudInit;
using Cordouan.Node.Config;
using Cordouan.Node.Tasks;

namespace Cordouan.Node.Vms;

public sealed partial class VmService
{
    public Task<VersionedVm> GetConfigAsync(VmId id, CancellationToken cancellationToken) => vms.GetOwnedAsync(id, cancellationToken);

    /// <summary>
    /// Applies a config change synchronously (PUT config): validates every key, refuses a stale digest or a held lock,
    /// allocates new disks, and writes with a compare-and-swap. On a running VM a NIC added or deleted is hot-plugged;
    /// other changes take effect at its next start.
    /// </summary>
    public async Task UpdateConfigAsync(VmId id, IReadOnlyDictionary<string, string> changes, IReadOnlyList<string> deletes, string? digest, bool skipLock, CancellationToken cancellationToken)
    {
        var set = ConfigValidator.ValidateAll(changes);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in deletes)
        {
            if (set.ContainsKey(key))
            {
                errors[key] = "unable to delete and set the same option";
            }
            else if (key != "lock" && VmConfigSchema.RuleFor(key) is null)
            {
                errors["delete"] = $"invalid format - invalid configuration ID '{key}'";
            }
        }
        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }
        using var held = operations.Enter(id, "qmconfig");
        var current = await vms.GetOwnedAsync(id, cancellationToken);
        if (digest is not null && !string.Equals(digest, current.Digest, StringComparison.OrdinalIgnoreCase))
        {
            throw new ConfigConflictException();
        }
        EnsureUnlocked(current, skipLock || (deletes.Contains("lock") && set.Count == 0));
        if (current.Document.Config.GetValueOrDefault("protection") == "1" && deletes.Any(DiskConfig.IsDiskKey))
        {
            throw new VmStateException($"can't remove disks of VM {id} - protection mode enabled");
        }
        await EnsureHaRecoverableAsync(id, set, cancellationToken);
        CloudInitPassword.Protect(set, set.GetValueOrDefault("ostype") ?? current.Document.Config.GetValueOrDefault("ostype"));
        await CheckNicsAsync(id, set, current.Document.Config, cancellationToken);
        await using var reverter = new Reverter();
        var ctx = TaskContext.Detached(cancellationToken);
        foreach (var key in set.Keys.Where(DiskConfig.IsDiskKey).ToList())
        {
            var disk = DiskConfig.Parse(key, set[key]);
            var existing = current.Document.Config.GetValueOrDefault(key);
            if (existing is not null && DiskConfig.Parse(key, existing).File == disk.File)
            {
                continue; // option change on the same volume
            }
            set[key] = await MaterializeDiskAsync(id, disk, reverter, ctx);
        }
        var next = current.Document;
        foreach (var key in deletes)
        {
            if (key == "lock")
            {
                next = next with { Lock = null };
                continue;
            }
            var old = next.Config.GetValueOrDefault(key);
            next = next.WithConfig(key, null);
            if (old is not null && DiskConfig.IsDiskKey(key) && DiskConfig.Parse(key, old).File is var file && VolumeId.TryParse(file, out _))
            {
                // Proxmox keeps a detached disk as unusedN instead of destroying data.
                next = next.WithConfig(NextUnusedKey(next), file);
            }
        }
        foreach (var (key, value) in set)
        {
            next = key == "lock" ? next with { Lock = value } : next.WithConfig(key, value);
        }
        await HotplugNicsAsync(id, current.Document.Config, set, deletes, cancellationToken);
        await vms.UpdateAsync(current, next, cancellationToken);
        reverter.Commit();
    }

    /// <summary>
    /// An HA-managed VM must stay recoverable on another node: a new disk on local storage or a host device is refused
    /// (as adding the VM to HA with one is), naming each offending key.
    /// </summary>
    private async Task EnsureHaRecoverableAsync(VmId id, IReadOnlyDictionary<string, string> set, CancellationToken cancellationToken)
    {
        var disks = set.Where(c => DiskConfig.IsDiskKey(c.Key)).Select(c => DiskConfig.Parse(c.Key, c.Value)).Where(d => !d.IsCdrom).ToList();
        var sid = Ha.HaResourceDocument.SidOf(id.Value);
        if (disks.Count == 0 || await haConfig.Resources.FindAsync(sid, cancellationToken) is null)
        {
            return;
        }
        var shared = (await storages.ListAsync(cancellationToken)).ToDictionary(s => s.Id, storages.IsShared, StringComparer.Ordinal);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var disk in disks)
        {
            var storage = disk.File.StartsWith('/') ? null : disk.File.Split(':')[0];
            if (storage is null || (shared.TryGetValue(storage, out var isShared) && !isShared))
            {
                var what = storage is null ? $"the host device '{disk.File}'" : $"local storage '{storage}'";
                errors[disk.Key] = $"VM {id} is HA-managed ({sid}): a disk on {what} could not follow it to another node - use a shared storage, or remove the HA resource first";
            }
        }
        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }
    }

    private static string NextUnusedKey(VmDocument doc)
    {
        for (var i = 0; ; i++)
        {
            if (!doc.Config.ContainsKey($"unused{i}"))
            {
                return $"unused{i}";
            }
        }
    }
}
