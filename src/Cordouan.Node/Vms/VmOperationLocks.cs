using System.Collections.Concurrent;
using Cordouan.Core.Errors;
using Cordouan.Core.Ids;

namespace Cordouan.Node.Vms;

/// <summary>
/// Serialises operations on one VM on its owner node (only the owner changes a VM, so a node-local lock is enough).
/// The loser fails at once with "VM is locked (operation)" instead of queuing behind an unknown wait.
/// </summary>
public sealed class VmOperationLocks
{
    private readonly ConcurrentDictionary<VmId, string> _held = new();

    public IDisposable Enter(VmId id, string operation)
    {
        if (!_held.TryAdd(id, operation))
        {
            throw new VmLockedException(_held.TryGetValue(id, out var holder) ? holder : operation);
        }
        return new Release(this, id);
    }

    private sealed class Release(VmOperationLocks owner, VmId id) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                owner._held.TryRemove(id, out _);
            }
        }
    }
}
