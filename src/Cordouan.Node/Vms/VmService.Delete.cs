using Cordouan.Core.Errors;
using Cordouan.Core.Ids;
using Cordouan.Core.Tasks;
using Cordouan.Node.Config;

namespace Cordouan.Node.Vms;

public sealed partial class VmService
{
    /// <summary>Destroys a stopped VM: frees every disk it references (config, unused, snapshots), then its config.</summary>
    public async Task<Upid> DeleteAsync(VmId id, bool destroyUnreferenced, bool skipLock, string user, CancellationToken cancellationToken)
    {
        var vm = await vms.GetOwnedAsync(id, cancellationToken);
        EnsureUnlocked(vm, skipLock);
        if (vm.Document.Config.GetValueOrDefault("protection") == "1")
        {
            throw new VmStateException($"can't remove VM {id} - protection mode enabled");
        }
        if (await driver.GetAsync(id, cancellationToken) is not null)
        {
            throw new VmStateException($"VM {id} is running - destroy failed");
        }
        return await StartVmTaskAsync(id, "qmdestroy", user, async ctx =>
        {
            var ct = ctx.CancellationToken;
            var current = await vms.GetOwnedAsync(id, ct);
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
