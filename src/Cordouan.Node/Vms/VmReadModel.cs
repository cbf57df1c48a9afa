using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Text.Json;
using Cordouan.Core.Cluster;
using Cordouan.Core.Errors;
using Cordouan.Node.Vms.ReadModel;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cordouan.Node.Vms;

/// <summary>
/// An in-memory copy of every VM document, fed by an etcd watch, for listings (<c>/cluster/resources</c>,
/// <c>/nodes/{node}/qemu</c>) that would otherwise read and decode every document on each call.
/// Reads wait (briefly) until the copy has applied this node's own latest write, so a client sees what it just did;
/// when the copy is behind or not running, reads fall back to etcd. It re-lists periodically to heal from a
/// compacted watch. Values derived from each document (pre-serialized listing items) are cached per revision
/// (<see cref="Derived{T}"/>) and dropped when the VM is deleted.
/// </summary>
public sealed partial class VmReadModel(IClusterStore store, VmRepository repository, TimeProvider time, ILogger<VmReadModel> logger) : BackgroundService
{
    private static readonly TimeSpan CatchUpWait = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan RelistEvery = TimeSpan.FromMinutes(5);
    private readonly object _gate = new();
    private readonly ConcurrentDictionary<Delegate, IVmDerivedCache> _derived = new();
    private ImmutableSortedDictionary<string, VersionedVm> _vms = ImmutableSortedDictionary<string, VersionedVm>.Empty;
    private IReadOnlyList<VersionedVm>? _ordered;
    private long _appliedRevision = -1;
    private TaskCompletionSource _changed = NewSignal();

    /// <summary>
    /// The cache of what <paramref name="derive"/> computes from each VM document, one per delegate: pass the same
    /// (static) method every time, and only one whose result depends on nothing but the document.
    /// </summary>
    public VmDerivedCache<T> Derived<T>(Func<VmDocument, T> derive) =>
        (VmDerivedCache<T>)_derived.GetOrAdd(derive, static d => new VmDerivedCache<T>((Func<VmDocument, T>)d));

    /// <summary>Every VM, in VMID order, at least as new as this node's latest VM write (a shared, read-only list).</summary>
    public async Task<IReadOnlyList<VersionedVm>> ListAsync(CancellationToken cancellationToken)
    {
        var wanted = repository.LastWriteRevision;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(CatchUpWait);
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (_appliedRevision >= 0 && _appliedRevision >= wanted)
                {
                    // Sorted once per change, not once per read: 10,000 VMs take milliseconds to order.
                    return _ordered ??= _vms.Values.OrderBy(v => v.Document.VmId).ToList().AsReadOnly();
                }
                changed = _changed.Task;
            }
            try
            {
                await changed.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return await repository.ListAsync(cancellationToken);
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // The header revision before listing: watching from it replays nothing that the list lacks.
                var revision = (await store.TransactAsync([], [], stoppingToken)).Revision;
                var listed = await store.ListAsync(ClusterKeys.VmsPrefix, stoppingToken);
                var vms = listed.ToImmutableSortedDictionary(e => e.Key, Decode, StringComparer.Ordinal);
                ForgetAllBut(vms.Values.Select(v => v.Document.VmId).ToHashSet());
                Publish(vms, revision);
                using var relist = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                relist.CancelAfter(RelistEvery);
                await foreach (var change in store.WatchAsync(ClusterKeys.VmsPrefix, revision, relist.Token))
                {
                    Apply(change);
                }
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                // Periodic re-list.
            }
            catch (QuorumLostException e)
            {
                LogStoreUnavailable(logger, e.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <summary>Only the watch loop calls this, so reading the current state without the gate is safe here.</summary>
    private void Apply(WatchEvent change)
    {
        if (change.Value is null)
        {
            // Forgotten before readers can see the delete; an entry re-added by a reader of an older snapshot lasts until the next re-list.
            if (_vms.GetValueOrDefault(change.Key) is { } gone)
            {
                foreach (var cache in _derived.Values)
                {
                    cache.Forget(gone.Document.VmId);
                }
            }
            Publish(_vms.Remove(change.Key), Math.Max(_appliedRevision, change.ModRevision));
            return;
        }
        var next = _vms.SetItem(change.Key, Decode(new StoreEntry(change.Key, change.Value, change.ModRevision, 0, 0)));
        Publish(next, Math.Max(_appliedRevision, change.ModRevision));
    }

    private void ForgetAllBut(IReadOnlySet<int> vmIds)
    {
        foreach (var cache in _derived.Values)
        {
            cache.RetainOnly(vmIds);
        }
    }

    private void Publish(ImmutableSortedDictionary<string, VersionedVm> vms, long revision)
    {
        TaskCompletionSource signal;
        lock (_gate)
        {
            _vms = vms;
            _ordered = null;
            _appliedRevision = revision;
            signal = _changed;
            _changed = NewSignal();
        }
        signal.TrySetResult();
    }

    private static VersionedVm Decode(StoreEntry entry) =>
        new(JsonSerializer.Deserialize(entry.Value, StateJsonContext.Default.VmDocument)!, entry.ModRevision);

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    [LoggerMessage(EventId = 3200, Level = LogLevel.Warning, Message = "VM read model paused, reads go to etcd: {Reason}")]
    private static partial void LogStoreUnavailable(ILogger logger, string reason);
}
