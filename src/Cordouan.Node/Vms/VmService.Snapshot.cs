using System.Text.RegularExpressions;
using Cordouan.Core.Errors;
using Cordouan.Core.Ids;
using Cordouan.Core.Tasks;
using Cordouan.Node.Config;
using Cordouan.Node.Tasks;

namespace Cordouan.Node.Vms;

public sealed partial class VmService
{
    public async Task<Upid> CreateSnapshotAsync(VmId id, string name, string description, string user, CancellationToken cancellationToken)
    {
        if (name == "current")
        {
            throw new VmStateException("unable to use snapshot name 'current' (reserved name)");
        }
        if (!SnapshotName().IsMatch(name))
        {
            throw new ValidationException("snapname", "invalid format - invalid configuration ID '" + name + "'");
        }
        var vm = await vms.GetOwnedAsync(id, cancellationToken);
        if (vm.Document.Snapshots.ContainsKey(name))
        {
            throw new AlreadyExistsException($"snapshot name '{name}' already used");
        }
        await SetLockAsync(id, null, "snapshot", cancellationToken);
        return await StartLockedTaskAsync(id, "qmsnapshot", "snapshot", user, async ctx =>
        {
            var ct = ctx.CancellationToken;
            var current = await vms.GetOwnedAsync(id, ct);
            var running = await driver.GetAsync(id, ct) is not null;
            var done = new List<DiskConfig>();
            try
            {
                foreach (var disk in SnapshottableDisks(current.Document.Config))
                {
                    ctx.Log($"snapshotting '{disk.Key}' ({disk.File})");
                    await SnapshotDiskAsync(id, disk, name, running, ct);
                    done.Add(disk);
                }
            }
            catch
            {
                foreach (var disk in done)
                {
                    await DeleteDiskSnapshotAsync(id, disk, name, running, CancellationToken.None);
                }
                throw;
            }
            await vms.MutateAsync(id, doc => doc with
            {
                Parent = name,
                Snapshots = new Dictionary<string, SnapshotDocument>(doc.Snapshots)
                {
                    [name] = new SnapshotDocument
                    {
                        Name = name,
                        Description = description,
                        Parent = doc.Parent,
                        Config = doc.Config,
                        SnapTime = time.GetUtcNow().ToUnixTimeSeconds(),
                    },
                },
            }, ct);
        }, cancellationToken);
    }

    public async Task<Upid> RollbackAsync(VmId id, string name, bool start, string user, CancellationToken cancellationToken)
    {
        var vm = await vms.GetOwnedAsync(id, cancellationToken);
        var snapshot = vm.Document.Snapshots.GetValueOrDefault(name) ?? throw new NotFoundException($"snapshot '{name}' does not exist");
        if (start)
        {
            await EnsurePlacementAllowedAsync(reason => new ValidationException("start", $"can't start VM {id} after the rollback: {reason}"), cancellationToken);
        }
        await SetLockAsync(id, null, "rollback", cancellationToken);
        return await StartLockedTaskAsync(id, "qmrollback", "rollback", user, async ctx =>
        {
            var ct = ctx.CancellationToken;
            if (await driver.GetAsync(id, ct) is not null)
            {
                ctx.Log($"stopping VM {id} for the rollback");
                await driver.StopAsync(id, options.StopTimeout, ct);
            }
            foreach (var disk in SnapshottableDisks(snapshot.Config))
            {
                ctx.Log($"rolling back '{disk.Key}' ({disk.File}) to '{name}'");
                var (storage, plugin, volume) = await ResolveAsync(disk, ct);
                await plugin.RollbackAsync(storage, volume.Name, name, ct);
            }
            var restored = await vms.MutateAsync(id, doc => doc with { Config = snapshot.Config, Parent = name }, ct);
            if (start)
            {
                await StartProcessAsync(restored.Document, ctx);
            }
        }, cancellationToken);
    }

    public async Task<Upid> DeleteSnapshotAsync(VmId id, string name, bool force, string user, CancellationToken cancellationToken)
    {
        var vm = await vms.GetOwnedAsync(id, cancellationToken);
        var snapshot = vm.Document.Snapshots.GetValueOrDefault(name) ?? throw new NotFoundException($"snapshot '{name}' does not exist");
        await SetLockAsync(id, null, "snapshot-delete", cancellationToken);
        return await StartLockedTaskAsync(id, "qmdelsnapshot", "snapshot-delete", user, async ctx =>
        {
            var ct = ctx.CancellationToken;
            var running = await driver.GetAsync(id, ct) is not null;
            foreach (var disk in SnapshottableDisks(snapshot.Config))
            {
                ctx.Log($"removing snapshot '{name}' of '{disk.Key}' ({disk.File})");
                try
                {
                    await DeleteDiskSnapshotAsync(id, disk, name, running, ct);
                }
                catch (CordouanException e) when (force)
                {
                    ctx.Warn($"could not remove snapshot of {disk.Key}: {e.Message}");
                }
            }
            await vms.MutateAsync(id, doc =>
            {
                var remaining = doc.Snapshots.Where(s => s.Key != name)
                    .ToDictionary(s => s.Key, s => s.Value.Parent == name ? s.Value with { Parent = snapshot.Parent } : s.Value);
                return doc with { Snapshots = remaining, Parent = doc.Parent == name ? snapshot.Parent : doc.Parent };
            }, ct);
        }, cancellationToken);
    }

    public async Task SetSnapshotDescriptionAsync(VmId id, string name, string description, CancellationToken cancellationToken)
    {
        await vms.MutateAsync(id, doc =>
        {
            var snapshot = doc.Snapshots.GetValueOrDefault(name) ?? throw new NotFoundException($"snapshot '{name}' does not exist");
            return doc with { Snapshots = new Dictionary<string, SnapshotDocument>(doc.Snapshots) { [name] = snapshot with { Description = description } } };
        }, cancellationToken);
    }

    /// <summary>Runs a task for an operation whose persistent lock is already set; the lock is released when the task ends.</summary>
    private async Task<Upid> StartLockedTaskAsync(VmId id, string type, string lockName, string user, Func<TaskContext, Task> body, CancellationToken cancellationToken)
    {
        try
        {
            return await StartVmTaskAsync(id, type, user, async ctx =>
            {
                try
                {
                    await body(ctx);
                }
                finally
                {
                    await ReleaseLockAsync(id, lockName);
                }
            }, cancellationToken);
        }
        catch
        {
            await ReleaseLockAsync(id, lockName);
            throw;
        }
    }

    private static IEnumerable<DiskConfig> SnapshottableDisks(IReadOnlyDictionary<string, string> config) =>
        config.Where(c => DiskConfig.IsDiskKey(c.Key))
            .Select(c => DiskConfig.Parse(c.Key, c.Value))
            .Where(d => !d.IsCdrom && VolumeId.TryParse(d.File, out _))
            .OrderBy(d => d.Key, StringComparer.Ordinal);

    private async Task SnapshotDiskAsync(VmId id, DiskConfig disk, string name, bool running, CancellationToken ct)
    {
        if (running)
        {
            await driver.SnapshotDriveAsync(id, disk.Key, name, ct);
            return;
        }
        var (storage, plugin, volume) = await ResolveAsync(disk, ct);
        await plugin.SnapshotAsync(storage, volume.Name, name, ct);
    }

    private async Task DeleteDiskSnapshotAsync(VmId id, DiskConfig disk, string name, bool running, CancellationToken ct)
    {
        if (running)
        {
            await driver.DeleteDriveSnapshotAsync(id, disk.Key, name, ct);
            return;
        }
        var (storage, plugin, volume) = await ResolveAsync(disk, ct);
        await plugin.DeleteSnapshotAsync(storage, volume.Name, name, ct);
    }

    private async Task<(Core.Storage.StorageDefinition Storage, Core.Storage.IStoragePlugin Plugin, VolumeId Volume)> ResolveAsync(DiskConfig disk, CancellationToken ct)
    {
        if (!VolumeId.TryParse(disk.File, out var volume))
        {
            throw new ValidationException(disk.Key, $"invalid format - unable to parse volume ID '{disk.File}'");
        }
        var storage = await storages.GetAsync(volume.Storage, ct);
        return (storage, storages.PluginFor(storage), volume);
    }

    [GeneratedRegex("^[a-zA-Z][a-zA-Z0-9_\\-]{1,39}$")]
    private static partial Regex SnapshotName();
}
