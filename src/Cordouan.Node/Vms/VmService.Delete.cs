using Cordouan.Core.Errors;
using Cordouan.Core.Ids;
using Cordouan.Core.Tasks;
using Cordouan.Node.Config;
using Cordouan.Node.Ha;
using Cordouan.Node.Tasks;

namespace Cordouan.Node.Vms;

public sealed partial class VmService
{
    /// <summary>
    /// Destroys a stopped VM: frees every disk it references (config, unused, snapshots), then its config. An HA-managed
    /// VM is refused unless <paramref name="purge"/> is set, which also removes its HA resource (as Proxmox does).
    /// </summary>
    public async Task<Upid> DeleteAsync(VmId id, bool purge, bool destroyUnreferenced, bool skipLock, string user, CancellationToken cancellationToken)
    {
        var vm = await vms.GetOwnedAsync(id, cancellationToken);
        EnsureUnlocked(vm, skipLock);
        if (vm.Document.Config.GetValueOrDefault("protection") == "1")
        {
            throw new VmStateException($"can't remove VM {id} - protection mode enabled");
        }
        await EnsureHaAllowsDestroyAsync(id, purge, cancellationToken);
        if (await driver.GetAsync(id, cancellationToken) is not null)
        {
            throw new VmStateException($"VM {id} is running - destroy failed");
        }
        return await StartVmTaskAsync(id, "qmdestroy", user, async ctx =>
        {
            var ct = ctx.CancellationToken;
            var current = await vms.GetOwnedAsync(id, ct);
            // Checked again: a resource may have been added since. Removed before any disk goes, or the HA manager
            // could start the VM (requested state "started") while its disks are being freed.
            await EnsureHaAllowsDestroyAsync(id, purge, ct);
            if (purge)
            {
                await PurgeHaResourceAsync(id, ctx, ct);
            }
            var volumes = ReferencedVolumes(current.Document).ToHashSet();
            foreach (var volume in volumes.Where(v => OwnedBy(v, id)))
            {
                ctx.Log($"removing {volume}");
                try
                {
                    var storage = await storages.GetAsync(volume.Storage, ct);
                    await storages.PluginFor(storage).FreeAsync(storage, volume.Name, ct);
                }
                catch (NotFoundException e)
                {
                    // Like Proxmox: a disk that is already gone must not keep the VM from being destroyed.
                    ctx.Warn($"could not free {volume}: {e.Message}");
                }
            }
            if (destroyUnreferenced)
            {
                foreach (var storage in await storages.ListAsync(ct))
                {
                    foreach (var orphan in await storages.PluginFor(storage).ListAsync(storage, id, ct))
                    {
                        if (!volumes.Contains(orphan.Id))
                        {
                            ctx.Log($"removing unreferenced {orphan.Id}");
                            await storages.PluginFor(storage).FreeAsync(storage, orphan.Id.Name, ct);
                        }
                    }
                }
            }
            await vms.DeleteAsync(await vms.GetOwnedAsync(id, ct), ct);
            ctx.Log($"VM {id} destroyed");
            LogVmDestroyed(logger, id, NodeName);
        }, cancellationToken);
    }

    private async Task EnsureHaAllowsDestroyAsync(VmId id, bool purge, CancellationToken cancellationToken)
    {
        if (!purge && await haConfig.Resources.FindAsync(HaResourceDocument.SidOf(id.Value), cancellationToken) is not null)
        {
            throw new VmStateException($"unable to remove VM {id} - used in HA resources and purge parameter not set.");
        }
    }

    private async Task PurgeHaResourceAsync(VmId id, TaskContext ctx, CancellationToken cancellationToken)
    {
        ctx.Log($"purging VM {id} from related configurations..");
        // A concurrent update of the resource makes the compare-and-delete lose; read again (bounded).
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var resource = await haConfig.Resources.FindAsync(HaResourceDocument.SidOf(id.Value), cancellationToken);
            if (resource is null)
            {
                return;
            }
            if (await haConfig.Resources.TryDeleteAsync(resource, cancellationToken))
            {
                ctx.Log($"NOTE: removed VM {id} from HA resource configuration.");
                return;
            }
        }
        throw new ConfigConflictException();
    }

    /// <summary>Every volume a VM's config, unused entries and snapshots refer to.</summary>
    private static IEnumerable<VolumeId> ReferencedVolumes(VmDocument doc)
    {
        var configs = doc.Snapshots.Values.Select(s => s.Config).Prepend(doc.Config);
        foreach (var config in configs)
        {
            foreach (var (key, value) in config)
            {
                var file = DiskConfig.IsDiskKey(key) ? DiskConfig.Parse(key, value).File
                    : key.StartsWith("unused", StringComparison.Ordinal) ? value : null;
                if (file is not null && VolumeId.TryParse(file, out var volume))
                {
                    yield return volume;
                }
            }
        }
    }

    /// <summary>A linked clone's name starts with its base (<c>100/base-100-disk-0.qcow2/101/vm-101-disk-0.qcow2</c>): only the last part is ours.</summary>
    private static bool OwnedBy(VolumeId volume, VmId id)
    {
        var leaf = volume.Name[(volume.Name.LastIndexOf('/') + 1)..];
        return leaf.StartsWith($"vm-{id}-", StringComparison.Ordinal) || leaf.StartsWith($"base-{id}-", StringComparison.Ordinal);
    }
}
