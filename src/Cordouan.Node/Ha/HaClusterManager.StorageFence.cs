using Cordouan.Core.Errors;
using Cordouan.Node.Vms;
using Microsoft.Extensions.Logging;

namespace Cordouan.Node.Ha;

public sealed partial class HaClusterManager
{
    /// <summary>Storage fences done during the current loss of each resource's node (by sid): when, and which clients.</summary>
    private readonly Dictionary<string, StorageFenceRecord> _storageFenced = new(StringComparer.Ordinal);

    /// <summary>
    /// Lost resources found not storage-fenceable (a disk off fencing storage) during the current loss: not asked again
    /// on every pass (each would read the storage definitions anew every 500 ms until recovery).
    /// </summary>
    private readonly HashSet<string> _selfFenceOnly = new(StringComparer.Ordinal);

    private sealed record StorageFenceRecord(long Timestamp, IReadOnlyList<string> Clients);

    /// <summary>Forgets every storage fence (no resources left, or a new term as manager).</summary>
    private void ForgetStorageFences()
    {
        _storageFenced.Clear();
        _selfFenceOnly.Clear();
    }

    /// <summary>Forgets the fences of resources no longer lost (recovered, or their node is back): a later loss is a new fence.</summary>
    private void ForgetSettledStorageFences(HashSet<string> lost)
    {
        foreach (var settled in _storageFenced.Keys.Where(sid => !lost.Contains(sid)).ToList())
        {
            _storageFenced.Remove(settled);
        }
        _selfFenceOnly.RemoveWhere(sid => !lost.Contains(sid));
    }

    /// <summary>
    /// Cuts off the disk clients of a storage-fenced HA VM whose node lost its lease, once per loss and at once: the
    /// clients its node recorded and any that still have a disk open. From then on no copy on that node can write,
    /// whether or not the node killed it. Returns false when the storage did not answer: the VM is not recovered until
    /// it does. A VM whose disks cannot be storage-fenced returns true (its node's self-fence alone protects it).
    /// </summary>
    private async Task<bool> StorageFenceAsync(HaResourceDocument resource, VersionedVm vm, VersionedDocument<HaServiceState>? service, string owner, CancellationToken cancellationToken)
    {
        if (_storageFenced.ContainsKey(resource.Sid) || _selfFenceOnly.Contains(resource.Sid))
        {
            return true;
        }
        if (await fence.DisksAsync(vm.Document, cancellationToken) is not { } disks)
        {
            _selfFenceOnly.Add(resource.Sid);
            return true;
        }
        try
        {
            var open = await HaStorageFence.ClientsAsync(disks, cancellationToken);
            var clients = (service?.Document.Clients ?? []).Union(open, StringComparer.Ordinal).ToList();
            await HaStorageFence.FenceAsync(disks, clients, cancellationToken);
            _storageFenced[resource.Sid] = new StorageFenceRecord(time.GetTimestamp(), clients);
            LogStorageFenced(logger, resource.Sid, owner, clients);
            return true;
        }
        catch (CordouanException e)
        {
            LogStorageFenceFailed(logger, resource.Sid, owner, e.Message);
            return false;
        }
    }

    [LoggerMessage(EventId = 3527, Level = LogLevel.Warning, Message = "HA manager: {Sid} of node {Node} storage-fenced: disk clients cut off (Ceph blocklist): {Clients}")]
    private static partial void LogStorageFenced(ILogger logger, string sid, string node, IReadOnlyList<string> clients);

    [LoggerMessage(EventId = 3528, Level = LogLevel.Error, Message = "HA manager: could not storage-fence {Sid} of node {Node} ({Reason}): not recovered until it can be")]
    private static partial void LogStorageFenceFailed(ILogger logger, string sid, string node, string reason);
}
