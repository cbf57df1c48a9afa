using System.Collections.Concurrent;

namespace Cordouan.Node.Vms.ReadModel;

/// <summary>
/// A value derived from each VM document (a listing item serialized once, say), computed at most once per document
/// revision by the readers themselves. Lookups are lock-free; a newer revision replaces an entry, an older one never
/// does (a reader may still hold an older snapshot), and <see cref="VmReadModel"/> drops the entries of deleted VMs.
/// </summary>
public sealed class VmDerivedCache<T>(Func<VmDocument, T> derive) : IVmDerivedCache
{
    private readonly ConcurrentDictionary<int, Entry> _entries = new();

    /// <summary>VMs with a cached value.</summary>
    public int Count => _entries.Count;

    /// <summary>The value derived from this revision of the VM's document, computed now if not cached.</summary>
    public T Get(VersionedVm vm)
    {
        var vmId = vm.Document.VmId;
        if (_entries.TryGetValue(vmId, out var cached) && cached.Revision == vm.Revision)
        {
            return cached.Value;
        }
        var fresh = new Entry(vm.Revision, derive(vm.Document));
        _entries.AddOrUpdate(vmId, fresh, (_, current) => current.Revision > fresh.Revision ? current : fresh);
        return fresh.Value;
    }

    void IVmDerivedCache.Forget(int vmId) => _entries.TryRemove(vmId, out _);

    void IVmDerivedCache.RetainOnly(IReadOnlySet<int> vmIds)
    {
        foreach (var vmId in _entries.Keys)
        {
            if (!vmIds.Contains(vmId))
            {
                _entries.TryRemove(vmId, out _);
            }
        }
    }

    private sealed record Entry(long Revision, T Value);
}
