using Cordouan.Core.Errors;
using Cordouan.Core.Storage;
using Cordouan.Node.Storage;
using Cordouan.Node.Tasks;
using Cordouan.Node.Vms;

namespace Cordouan.Node.Ceph;

/// <summary>
/// The rbd storages defined on a pool of the Ceph cluster Cordouan deployed: added with a pool (Proxmox's
/// <c>add_storages</c>), checked and removed with it (<c>remove_storages</c>). Storages of external clusters are never touched.
/// </summary>
public sealed class PoolStorages(StorageRegistry storages, VmRepository vms)
{
    public async Task<IReadOnlyList<StorageDefinition>> OfPoolAsync(string pool, CancellationToken cancellationToken) =>
        (await storages.ListAsync(cancellationToken)).Where(s => s.Type == "rbd" && s.Pool == pool && s.MonHost is null).ToList();

    /// <summary>Refuses (400 on <c>add_storages</c>) when a storage already has the pool's name.</summary>
    public async Task EnsureIdFreeAsync(string pool, CancellationToken cancellationToken)
    {
        if ((await storages.ListAsync(cancellationToken)).Any(s => s.Id == pool))
        {
            throw new ValidationException("add_storages", $"storage ID '{pool}' already defined; nothing was changed");
        }
    }

    public async Task AddAsync(string pool, TaskContext task)
    {
        var storage = new StorageDefinition { Id = pool, Type = "rbd", Pool = pool, Content = ["images"] };
        if (await storages.TryAddAsync(storage, task.CancellationToken))
        {
            task.Log($"added rbd storage '{pool}' (content images) for pool '{pool}'");
        }
        else
        {
            task.Warn($"storage ID '{pool}' was defined meanwhile; no storage added for pool '{pool}'");
        }
    }

    /// <summary>Refuses to let a pool go while its storages hold VM disks, naming them (what destroying the pool would destroy).</summary>
    public async Task EnsureNoDisksAsync(string pool, IReadOnlyList<StorageDefinition> poolStorages, CancellationToken cancellationToken)
    {
        var disks = new List<string>();
        foreach (var storage in poolStorages)
        {
            disks.AddRange((await storages.PluginFor(storage).ListAsync(storage, null, cancellationToken)).Select(v => v.Id.ToString()));
        }
        if (disks.Count > 0)
        {
            throw new InUseException($"pool '{pool}' still holds VM disks: {string.Join(", ", disks)}; destroy them first, or pass force=1 to destroy them with the pool");
        }
    }

    /// <summary>Refuses to remove storages that a VM's config still names.</summary>
    public async Task EnsureUnusedAsync(IReadOnlyList<StorageDefinition> poolStorages, CancellationToken cancellationToken)
    {
        var ids = poolStorages.Select(s => s.Id + ":").ToList();
        var users = (await vms.ListAsync(cancellationToken))
            .Where(vm => vm.Document.Config.Values.Any(v => ids.Any(id => v.StartsWith(id, StringComparison.Ordinal))))
            .Select(vm => vm.Document.VmId)
            .ToList();
        if (users.Count > 0)
        {
            throw new InUseException($"storage(s) {string.Join(", ", poolStorages.Select(s => s.Id))} still used by VM(s) {string.Join(", ", users)}");
        }
    }

    public async Task RemoveAsync(IReadOnlyList<StorageDefinition> poolStorages, TaskContext task)
    {
        foreach (var storage in poolStorages)
        {
            if (await storages.RemoveAsync(storage.Id, task.CancellationToken))
            {
                task.Log($"removed storage '{storage.Id}'");
            }
        }
    }
}
