using Cordouan.Node.Storage;
using Cordouan.Node.Telemetry.Rrd;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cordouan.Node.Telemetry;

/// <summary>
/// Every <see cref="Interval"/>: reads this node's, its VMs' and its storages' figures, adds them to the history
/// (<see cref="RrdStore"/>) and keeps them as <see cref="Latest"/> for <c>/metrics</c> and the external metric servers.
/// </summary>
public sealed partial class TelemetryCollector(
    HostSampler host,
    IVmFigureSource vms,
    StorageRegistry storages,
    RrdStore store,
    TimeProvider time,
    ILogger<TelemetryCollector> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan StorageTimeout = TimeSpan.FromSeconds(5);
    private readonly List<Func<TelemetrySnapshot, CancellationToken, Task>> _subscribers = [];

    /// <summary>The last figures read; null until the first pass ends.</summary>
    public TelemetrySnapshot? Latest { get; private set; }

    /// <summary>Registers a callback run after each pass (outside the sampling path; its failures are logged).</summary>
    public void Subscribe(Func<TelemetrySnapshot, CancellationToken, Task> subscriber)
    {
        lock (_subscribers)
        {
            _subscribers.Add(subscriber);
        }
    }

    /// <summary>One pass: read, record, publish.</summary>
    public async Task<TelemetrySnapshot> CollectAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var node = host.Sample();
        store.Node.Update(now, RrdSchemas.Node.Select(c => Lookup(node, c.Name)).ToList());
        var vmFigures = await vms.ReadLocalAsync(cancellationToken);
        foreach (var vm in vmFigures)
        {
            store.Vm(vm.VmId).Update(now, RrdSchemas.Vm.Select(c => Lookup(vm.Values, c.Name)).ToList());
        }
        var storageFigures = await ReadStoragesAsync(cancellationToken);
        foreach (var storage in storageFigures.Where(s => s.Active))
        {
            store.Storage(storage.Storage).Update(now, [storage.TotalBytes, storage.UsedBytes]);
        }
        var snapshot = new TelemetrySnapshot(now, node, vmFigures, storageFigures);
        Latest = snapshot;
        return snapshot;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var snapshot = await CollectAsync(stoppingToken);
                Func<TelemetrySnapshot, CancellationToken, Task>[] subscribers;
                lock (_subscribers)
                {
                    subscribers = [.. _subscribers];
                }
                foreach (var subscriber in subscribers)
                {
                    await subscriber(snapshot, stoppingToken);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogPassFailed(logger, e);
            }
            await Task.Delay(Interval, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task<IReadOnlyList<StorageFigures>> ReadStoragesAsync(CancellationToken cancellationToken)
    {
        var figures = new List<StorageFigures>();
        foreach (var storage in await storages.ListAsync(cancellationToken))
        {
            if (storage.Disabled)
            {
                continue;
            }
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(StorageTimeout);
            try
            {
                var status = await storages.PluginFor(storage).StatusAsync(storage, deadline.Token);
                figures.Add(new StorageFigures(storage.Id, storage.Type, status.Active, status.TotalBytes, status.UsedBytes));
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                // One unreachable storage (a Ceph pool without quorum) must not stop the others' history.
                LogStorageFailed(logger, storage.Id, e.Message);
                figures.Add(new StorageFigures(storage.Id, storage.Type, Active: false, 0, 0));
            }
        }
        return figures;
    }

    private static double? Lookup(IReadOnlyDictionary<string, double> values, string name) =>
        values.TryGetValue(name, out var value) ? value : null;

    [LoggerMessage(EventId = 4850, Level = LogLevel.Warning, Message = "Telemetry pass failed")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4851, Level = LogLevel.Debug, Message = "Storage {Storage} status unavailable for telemetry: {Reason}")]
    private static partial void LogStorageFailed(ILogger logger, string storage, string reason);
}
