using System.Diagnostics;
using Cordouan.Core.Errors;
using Cordouan.Core.Ids;
using Cordouan.Node.Vms;
using Microsoft.Extensions.Logging;

namespace Cordouan.Node.Ha;

/// <summary>
/// Storage-fenced HA VMs: every disk on a storage that can cut its clients off (rbd). Their node records the QEMU's
/// disk clients in etcd; the cluster manager cuts those off before recovering the VM elsewhere. So losing the lease
/// is no reason to kill them: in a cluster-wide outage nobody recovers anything, nothing is cut off, and they keep
/// running. While the lease is lost (and for a while after it is back) the node watches the storage's blocklist and
/// kills a copy the moment its clients are cut off: it can no longer write, the cluster recovers it elsewhere.
/// </summary>
public sealed partial class HaLocalManager
{
    /// <summary>Pause between two reads of the blocklist (each is a ceph process): the cluster manager waits a 2 s margin after cutting clients off.</summary>
    private static readonly TimeSpan BlocklistPollInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>How long after getting a lease back the blocklist is still watched (a recovery may have fenced a copy just before).</summary>
    private static readonly TimeSpan RejoinWatch = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long after this daemon last spoke the fence guard still spares storage-fenced VMs whose lease deadline
    /// passed: a dead daemon watches no blocklist, so its copies go about when the cluster starts recovering them.
    /// </summary>
    private static readonly TimeSpan AliveWindow = TimeSpan.FromSeconds(5);

    /// <summary>Storage-fenced HA VMs running here: the QEMU (pid) whose recorded clients the cluster would cut off.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<VmId, StorageClients> _storageFenced = new();

    /// <summary>VMs kept running through a lease loss: if the cluster gave them to another node meanwhile, this copy goes.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<VmId, bool> _keptThroughLoss = new();

    /// <summary>HA VMs found not storage-fenceable, with the QEMU pid checked (asked again only for a new QEMU).</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<VmId, int> _notFenceable = new();

    private int _watchingBlocklist;
    private long _leaseAcquiredAt;

    private sealed record StorageClients(int Pid, IReadOnlyList<FenceableDisk> Disks, IReadOnlyList<string> Clients);

    private static long AliveDeadline() => Stopwatch.GetTimestamp() + (long)(AliveWindow.TotalSeconds * Stopwatch.Frequency);

    /// <summary>
    /// Makes a running HA VM storage-fenced when its disks allow: reads its QEMU's disk clients and records them in the
    /// VM's HA state. Only once that write succeeded does a lost lease spare it.
    /// </summary>
    private async Task RecordClientsAsync(string sid, VersionedVm vm, int pid, VersionedDocument<HaServiceState>? service, CancellationToken cancellationToken)
    {
        var id = vm.Document.Id;
        if (vm.Document.Lock is not null || (_storageFenced.TryGetValue(id, out var known) && known.Pid == pid)
            || (_notFenceable.TryGetValue(id, out var checkedPid) && checkedPid == pid))
        {
            // Locked: a migration may hold a second QEMU on the disks; recorded once it is settled.
            return;
        }
        _storageFenced.TryRemove(id, out _);
        if (await fence.DisksAsync(vm.Document, cancellationToken) is not { } disks)
        {
            _notFenceable[id] = pid;
            return;
        }
        IReadOnlyList<string> clients;
        try
        {
            clients = await HaStorageFence.ClientsAsync(disks, cancellationToken);
        }
        catch (CordouanException e)
        {
            LogClientsUnknown(logger, id, e.Message);
            return;
        }
        if (clients.Count == 0)
        {
            return;
        }
        var next = (service?.Document ?? new HaServiceState { Sid = sid }) with { Clients = clients, Changed = time.GetUtcNow().ToUnixTimeSeconds() };
        if (!await ha.TryWriteServiceAsync(sid, service, next, cancellationToken))
        {
            // Another manager wrote the state meanwhile: the next pass reads it and records the clients again.
            return;
        }
        _storageFenced[id] = new StorageClients(pid, disks, clients);
        LogClientsRecorded(logger, id, clients);
    }

    /// <summary>A kept copy whose VM now belongs to another node (recovered while this node was cut off) is killed.</summary>
    private async Task SweepKeptCopiesAsync(CancellationToken cancellationToken)
    {
        foreach (var id in _keptThroughLoss.Keys)
        {
            var vm = await vms.FindAsync(id, cancellationToken);
            if (vm is not null && vm.Document.Owner == node.NodeName)
            {
                _keptThroughLoss.TryRemove(id, out _);
                continue;
            }
            if (await driver.GetAsync(id, cancellationToken) is not null)
            {
                LogStaleCopy(logger, id, vm?.Document.Owner ?? "(deleted)");
                await KillAsync([id]);
            }
            _keptThroughLoss.TryRemove(id, out _);
        }
    }

    /// <summary>
    /// While the lease is lost, and for <see cref="RejoinWatch"/> after it is back: kills every storage-fenced VM whose
    /// clients the cluster has cut off. One watcher at a time.
    /// </summary>
    private async Task WatchBlocklistAsync(long lostLease)
    {
        if (Interlocked.Exchange(ref _watchingBlocklist, 1) == 1)
        {
            return;
        }
        try
        {
            while (!_stopping && !_storageFenced.IsEmpty)
            {
                if (lease.Current is { } back && back.Id != lostLease && time.GetElapsedTime(Interlocked.Read(ref _leaseAcquiredAt)) >= RejoinWatch)
                {
                    break;
                }
                await Task.Delay(BlocklistPollInterval, time);
                var watched = _storageFenced.ToList();
                IReadOnlySet<string> fenced;
                try
                {
                    fenced = await HaStorageFence.FencedClientsAsync(watched.SelectMany(w => w.Value.Disks), CancellationToken.None);
                }
                catch (CordouanException e)
                {
                    // The storage cannot be reached from here: neither can these VMs' writes.
                    LogBlocklistUnreadable(logger, e.Message);
                    continue;
                }
                var cutOff = watched.Where(w => w.Value.Clients.Any(fenced.Contains)).Select(w => w.Key).ToList();
                if (cutOff.Count > 0)
                {
                    LogCutOff(logger, cutOff);
                    await KillAsync(cutOff);
                }
            }
        }
        finally
        {
            Interlocked.Exchange(ref _watchingBlocklist, 0);
        }
    }

    [LoggerMessage(EventId = 3512, Level = LogLevel.Information, Message = "HA: VM {VmId} is storage-fenced: its disk clients {Clients} are recorded (cut off before any recovery elsewhere)")]
    private static partial void LogClientsRecorded(ILogger logger, VmId vmId, IReadOnlyList<string> clients);

    [LoggerMessage(EventId = 3513, Level = LogLevel.Warning, Message = "HA: could not read the disk clients of VM {VmId} ({Reason}): it is fenced by killing it if the lease is lost")]
    private static partial void LogClientsUnknown(ILogger logger, VmId vmId, string reason);

    [LoggerMessage(EventId = 3514, Level = LogLevel.Warning, Message = "HA: lease lost: {Count} storage-fenced HA VM(s) keep running (the cluster cuts their disk clients off before recovering them; a cluster-wide outage recovers nothing)")]
    private static partial void LogKeptRunning(ILogger logger, int count);

    [LoggerMessage(EventId = 3515, Level = LogLevel.Critical, Message = "HA: the cluster cut off the disk clients of VM(s) {VmIds}: killing this node's copies")]
    private static partial void LogCutOff(ILogger logger, IReadOnlyList<VmId> vmIds);

    [LoggerMessage(EventId = 3516, Level = LogLevel.Warning, Message = "HA: cannot read the storage blocklist ({Reason}): retrying")]
    private static partial void LogBlocklistUnreadable(ILogger logger, string reason);

    [LoggerMessage(EventId = 3517, Level = LogLevel.Warning, Message = "HA: VM {VmId} kept running through a lost lease now belongs to node '{Owner}': killing this stale copy")]
    private static partial void LogStaleCopy(ILogger logger, VmId vmId, string owner);
}
