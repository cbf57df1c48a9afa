using Cordouan.Core.Errors;
using Cordouan.Core.Storage;
using Cordouan.Node.Storage;
using Cordouan.Node.Vms;
using Cordouan.Node.Vms.Migration;

namespace Cordouan.Node.Ha;

/// <summary>
/// Storage fencing of HA VMs (Ceph's OSD blocklist through <see cref="IStorageFencing"/>). A VM is storage-fenced when
/// every disk it boots with is on a storage that can cut its clients off: the cluster manager cuts off the clients its
/// node recorded (and any still open on the disks) before recovering it, so a node that lost its lease need not kill
/// it to be safe. Entries last <see cref="Duration"/>; they name client instances, which a restarted QEMU never reuses.
/// </summary>
public sealed class HaStorageFence(StorageRegistry storages)
{
    public static readonly TimeSpan Duration = TimeSpan.FromHours(24);

    /// <summary>The disks of <paramref name="vm"/> when all of them can be storage-fenced; null otherwise (or with no disk).</summary>
    public async Task<IReadOnlyList<FenceableDisk>?> DisksAsync(VmDocument vm, CancellationToken cancellationToken)
    {
        var disks = new List<FenceableDisk>();
        foreach (var disk in MigrationVolumes.Of(vm).Where(r => !r.IsCdrom && !r.IsUnused && !r.OnlyInSnapshots))
        {
            StorageDefinition storage;
            try
            {
                storage = await storages.GetAsync(disk.Volume.Storage, cancellationToken);
            }
            catch (NotFoundException)
            {
                return null;
            }
            if (storages.PluginFor(storage) is not IStorageFencing fencing)
            {
                return null;
            }
            disks.Add(new FenceableDisk(storage, disk.Volume.Name, fencing));
        }
        return disks.Count == 0 ? null : disks;
    }

    /// <summary>Every client that has one of <paramref name="disks"/> open now.</summary>
    public static async Task<IReadOnlyList<string>> ClientsAsync(IReadOnlyList<FenceableDisk> disks, CancellationToken cancellationToken)
    {
        var clients = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var disk in disks)
        {
            clients.UnionWith(await disk.Fencing.ClientsAsync(disk.Storage, disk.Volume, cancellationToken));
        }
        return [.. clients];
    }

    /// <summary>Cuts <paramref name="clients"/> off on every storage cluster of <paramref name="disks"/>.</summary>
    public static async Task FenceAsync(IReadOnlyList<FenceableDisk> disks, IReadOnlyCollection<string> clients, CancellationToken cancellationToken)
    {
        if (clients.Count == 0)
        {
            return;
        }
        foreach (var disk in DistinctStorages(disks))
        {
            await disk.Fencing.FenceAsync(disk.Storage, clients, Duration, cancellationToken);
        }
    }

    /// <summary>Every client cut off on the storages of <paramref name="disks"/> (each storage asked once).</summary>
    public static async Task<IReadOnlySet<string>> FencedClientsAsync(IEnumerable<FenceableDisk> disks, CancellationToken cancellationToken)
    {
        var fenced = new HashSet<string>(StringComparer.Ordinal);
        foreach (var disk in DistinctStorages(disks))
        {
            fenced.UnionWith(await disk.Fencing.FencedAsync(disk.Storage, cancellationToken));
        }
        return fenced;
    }

    private static IEnumerable<FenceableDisk> DistinctStorages(IEnumerable<FenceableDisk> disks) =>
        disks.DistinctBy(d => d.Storage.Id, StringComparer.Ordinal);
}

/// <summary>One VM disk on a storage that can fence its clients.</summary>
public sealed record FenceableDisk(StorageDefinition Storage, string Volume, IStorageFencing Fencing);
