using System.Collections.Immutable;
using System.Text.Json;
using Cordouan.Core.Cluster;
using Cordouan.Core.Errors;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cordouan.Node.Vms;

/// <summary>
/// An in-memory copy of every VM document, fed by an etcd watch, for listings (<c>/cluster/resources</c>,
/// <c>/nodes/{node}/qemu</c>) that would otherwise read and decode every document on each call.
/// Reads wait (briefly) until the copy has applied this node's own latest write, so a client sees what it just did;
/// when the copy is behind or not running, reads fall back to etcd. It re-lists periodically to heal from a
/// compacted watch.
/// </summary>
public sealed partial class VmReadModel(IClusterStore store, VmRepository repository, TimeProvider time, ILogger<VmReadModel> logger) : BackgroundService
{
    private static readonly TimeSpan CatchUpWait = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan RelistEvery = TimeSpan.FromMinutes(5);
    private readonly object _gate = new();
    private ImmutableSortedDictionary<string, VersionedVm> _vms = ImmutableSortedDictionary<string, VersionedVm>.Empty;
    private long _appliedRevision = -1;
    private TaskCompletionSource _changed = NewSignal();

    /// <summary>Every VM, in VMID order, at least as new as this node's latest VM write.</summary>
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
                    return _vms.Values.OrderBy(v => v.Document.VmId).ToList();
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
                Publish(listed.ToImmutableSortedDictionary(e => e.Key, Decode, StringComparer.Ordinal), revision);
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
        var next = change.Value is null
            ? _vms.Remove(change.Key)
            : _vms.SetItem(change.Key, Decode(new StoreEntry(change.Key, change.Value, change.ModRevision, 0, 0)));
        Publish(next, Math.Max(_appliedRevision, change.ModRevision));
    }

    private void Publish(ImmutableSortedDictionary<string, VersionedVm> vms, long revision)
    {
        TaskCompletionSource signal;
        lock (_gate)
        {
            _vms = vms;
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
