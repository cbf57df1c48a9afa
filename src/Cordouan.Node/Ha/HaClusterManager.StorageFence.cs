using Cordouan.Core.Errors;
using Cordouan.Node.Vms;
using Microsoft.Extensions.Logging;

namespace Cordouan.Node.Ha;

public sealed partial class HaClusterManager
{
    /// <summary>Storage fences done during the current loss of each resource's node (by sid): when, and which clients.</summary>
    private readonly Dictionary<string, StorageFenceRecord> _storageFenced = new(StringComparer.Ordinal);

    private sealed record StorageFenceRecord(long Timestamp, IReadOnlyList<string> Clients);

    /// <summary>
    /// Cuts off the disk clients of a storage-fenced HA VM whose node lost its lease, once per loss and at once: the
    /// clients its node recorded and any that still have a disk open. From then on no copy on that node can write,
    /// whether or not the node killed it. Returns false when the storage did not answer: the VM is not recovered until
    /// it does. A VM whose disks cannot be storage-fenced returns true (its node's self-fence alone protects it).
    /// </summary>
    private async Task<bool> StorageFenceAsync(HaResourceDocument resource, VersionedVm vm, VersionedDocument<HaServiceState>? service, string owner, CancellationToken cancellationToken)
    {
        if (_storageFenced.ContainsKey(resource.Sid) || await fence.DisksAsync(vm.Document, cancellationToken) is not { } disks)
        {
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
