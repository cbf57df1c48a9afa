using Cordouan.Core.Errors;
using Cordouan.Core.Ids;
using Cordouan.Core.Storage;
using Cordouan.Core.Vms;
using Cordouan.Core.Vms.Migration;
using Cordouan.Node.Hosting;
using Cordouan.Node.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cordouan.Node.Vms.Migration.Live;

/// <summary>
/// Keeps live migrations safe across daemon restarts and silent peers. At start (and every 15 s, for tasks that could
/// not clear their lock, e.g. without quorum) it settles, from etcd and QEMU alone, what no task drives any more:
/// a VM this node owns, locked <c>migrate</c>, whose migration no task of this daemon drives, is
/// cancelled and resumed here and its lock cleared; a VM another node now owns whose stale copy is paused here is
/// stopped; an incoming VM is adopted. Then, every second, <see cref="IncomingMigrations.CheckAsync"/> settles incoming
/// sessions whose source went silent.
/// </summary>
public sealed partial class MigrationSupervisor(
    IncomingMigrations incoming,
    VmRepository vms,
    VmOperationLocks operations,
    IVmDriver driver,
    IVmMigrationDriver migration,
    StorageRegistry storages,
    NodeIdentity node,
    TimeProvider time,
    ILogger<MigrationSupervisor> logger) : BackgroundService
{
    private static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(1);

    /// <summary>How often outgoing migrations whose task is gone are looked for (a full listing of the VMs).</summary>
    private const int OrphanCheckEvery = 15;
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(60);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await SettleInterruptedAsync(afterRestart: true, stoppingToken);
        for (var pass = 1; !stoppingToken.IsCancellationRequested; pass++)
        {
            try
            {
                await Task.Delay(CheckInterval, time, stoppingToken);
                await incoming.CheckAsync(stoppingToken);
                if (pass % OrphanCheckEvery == 0)
                {
                    // A migration task that failed to clear its lock (no quorum at that moment) leaves the target waiting.
                    await SettleInterruptedAsync(afterRestart: false, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is CordouanException or IOException or TimeoutException)
            {
                LogCheckFailed(logger, e.Message);
            }
        }
    }

    /// <summary>
    /// After a restart every VM with a QEMU here is looked at; the periodic pass only needs this node's VMs locked
    /// <c>migrate</c>, and filters on the documents before asking QEMU anything.
    /// </summary>
    private async Task SettleInterruptedAsync(bool afterRestart, CancellationToken cancellationToken)
    {
        IReadOnlyList<VersionedVm> all;
        try
        {
            all = await vms.ListAsync(cancellationToken);
        }
        catch (Exception e) when (e is CordouanException or IOException or TimeoutException)
        {
            LogCheckFailed(logger, e.Message);
            return;
        }
        foreach (var vm in all)
        {
            var doc = vm.Document;
            if (!afterRestart && (doc.Owner != node.NodeName || doc.Lock != VmMigrator.LockName))
            {
                continue;
            }
            try
            {
                if (await driver.GetAsync(doc.Id, cancellationToken) is null)
                {
                    continue;
                }
                var state = await migration.RunStateAsync(doc.Id, cancellationToken);
                if (doc.Owner == node.NodeName && doc.Lock == VmMigrator.LockName)
                {
                    await SettleOutgoingAsync(doc.Id, cancellationToken);
                }
                else if (doc.Owner != node.NodeName && doc.Lock == VmMigrator.LockName && state is "inmigrate" or "paused")
                {
                    if (incoming.Adopt(doc.Id, doc.Owner, await LocalVolumesAsync(doc, cancellationToken)))
                    {
                        LogAdopted(logger, doc.Id, doc.Owner);
                    }
                }
                else if (doc.Owner != node.NodeName && state is "postmigrate")
                {
                    LogStoppingStale(logger, doc.Id, doc.Owner);
                    await driver.StopAsync(doc.Id, TimeSpan.FromSeconds(10), cancellationToken);
                }
            }
            catch (Exception e) when (e is CordouanException or IOException or TimeoutException)
            {
                LogSettleFailed(logger, doc.Id, e.Message);
            }
        }
    }

    /// <summary>Settles an outgoing migration unless a task of this daemon still drives it (it holds the VM's operation).</summary>
    private async Task SettleOutgoingAsync(VmId id, CancellationToken cancellationToken)
    {
        IDisposable operation;
        try
        {
            operation = operations.Enter(id, VmMigrator.LockName);
        }
        catch (VmLockedException)
        {
            return;
        }
        using (operation)
        {
            await ResumeOutgoingAsync(id, cancellationToken);
        }
    }

    /// <summary>An outgoing migration lost its task: cancel it, run the guest here again, end mirrors, clear the lock.</summary>
    private async Task ResumeOutgoingAsync(VmId id, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(SettleTimeout);
        var ct = timeout.Token;
        await OutgoingMigrationUndo.CancelAsync(migration, id, ct);
        await OutgoingMigrationUndo.ResumeHereAsync(driver, id, ct);
        await OutgoingMigrationUndo.EndMirrorsAsync(migration, id, ct);
        await vms.MutateAsync(id, doc => doc.Lock == VmMigrator.LockName ? doc with { Lock = null } : doc, ct);
        LogResumedOutgoing(logger, id);
    }

    /// <summary>The VM's volumes on this node's own (not shared) storages: what an adopted incoming migration may have created.</summary>
    private async Task<IReadOnlyList<VolumeId>> LocalVolumesAsync(VmDocument doc, CancellationToken cancellationToken)
    {
        var result = new List<VolumeId>();
        foreach (var reference in MigrationVolumes.Of(doc).Where(r => !r.IsCdrom))
        {
            StorageDefinition storage;
            try
            {
                storage = await storages.GetAsync(reference.Volume.Storage, cancellationToken);
            }
            catch (NotFoundException)
            {
                continue;
            }
            if (!storage.Shared && !storages.PluginFor(storage).Capabilities.Shared)
            {
                result.Add(reference.Volume);
            }
        }
        return result;
    }
}
