using System.Text.Json;
using Cordouan.Core.Cluster;
using Cordouan.Core.Errors;
using Cordouan.Core.Ids;
using Cordouan.Node.Hosting;

namespace Cordouan.Node.Vms;

/// <summary>VM documents in etcd. Every write is a compare-and-swap on the revision read, so nothing is silently overwritten.</summary>
public sealed class VmRepository(IClusterStore store, NodeIdentity node)
{
    private long _lastWriteRevision;

    /// <summary>The etcd revision of this node's latest successful VM write (readers of copies wait for it).</summary>
    public long LastWriteRevision => Interlocked.Read(ref _lastWriteRevision);

    /// <summary>Reads a VM owned by this node; other owners and missing VMs both read as "does not exist" (Proxmox semantics).</summary>
    public async Task<VersionedVm> GetOwnedAsync(VmId id, CancellationToken cancellationToken)
    {
        var vm = await FindAsync(id, cancellationToken);
        if (vm is null || vm.Document.Owner != node.NodeName)
        {
            throw new VmNotFoundException(id, node.NodeName);
        }
        return vm;
    }

    public async Task<VersionedVm?> FindAsync(VmId id, CancellationToken cancellationToken)
    {
        var entry = await store.GetAsync(ClusterKeys.Vm(id), cancellationToken);
        return entry is null ? null : ToVersioned(entry);
    }

    public async Task<IReadOnlyList<VersionedVm>> ListAsync(CancellationToken cancellationToken)
    {
        var entries = await store.ListAsync(ClusterKeys.VmsPrefix, cancellationToken);
        return entries.Select(ToVersioned).OrderBy(v => v.Document.VmId).ToList();
    }

    /// <summary>Creates a VM document; false if the VMID is taken (a lost race is a result).</summary>
    public async Task<bool> TryCreateAsync(VmDocument doc, CancellationToken cancellationToken)
    {
        var result = await store.CompareAndPutAsync(ClusterKeys.Vm(doc.Id), 0, Serialize(doc), cancellationToken);
        return Written(result).Succeeded;
    }

    /// <summary>Writes a new version; throws <see cref="ConfigConflictException"/> if someone wrote since <paramref name="current"/> was read.</summary>
    public async Task<VersionedVm> UpdateAsync(VersionedVm current, VmDocument next, CancellationToken cancellationToken)
    {
        var result = Written(await store.CompareAndPutAsync(ClusterKeys.Vm(next.Id), current.Revision, Serialize(next), cancellationToken));
        if (!result.Succeeded)
        {
            throw new ConfigConflictException();
        }
        return new VersionedVm(next, result.Revision);
    }

    /// <summary>Re-reads and applies <paramref name="change"/> until the compare-and-swap wins (bounded retries).</summary>
    public async Task<VersionedVm> MutateAsync(VmId id, Func<VmDocument, VmDocument> change, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var current = await GetOwnedAsync(id, cancellationToken);
            try
            {
                return await UpdateAsync(current, change(current.Document), cancellationToken);
            }
            catch (ConfigConflictException) when (attempt < 20)
            {
                // Another writer got in between; re-read and re-apply.
            }
        }
    }

    public async Task DeleteAsync(VersionedVm current, CancellationToken cancellationToken)
    {
        var result = Written(await store.CompareAndDeleteAsync(ClusterKeys.Vm(current.Document.Id), current.Revision, cancellationToken));
        if (!result.Succeeded)
        {
            throw new ConfigConflictException();
        }
    }

    private TxnResult Written(TxnResult result)
    {
        if (result.Succeeded)
        {
            long seen;
            do
            {
                seen = Interlocked.Read(ref _lastWriteRevision);
            }
            while (result.Revision > seen && Interlocked.CompareExchange(ref _lastWriteRevision, result.Revision, seen) != seen);
        }
        return result;
    }

    private static VersionedVm ToVersioned(StoreEntry entry) =>
        new(JsonSerializer.Deserialize(entry.Value, StateJsonContext.Default.VmDocument)!, entry.ModRevision);

    internal static byte[] Serialize(VmDocument doc) => JsonSerializer.SerializeToUtf8Bytes(doc, StateJsonContext.Default.VmDocument);
}
