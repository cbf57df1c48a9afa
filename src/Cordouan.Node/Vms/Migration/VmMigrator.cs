using Cordouan.Core.Errors;
using Cordouan.Core.Ids;
using Cordouan.Core.Tasks;
using Cordouan.Core.Vms;
using Cordouan.Core.Vms.Migration;
using Cordouan.Node.Vms.Migration.Live;
using Cordouan.Node.Cluster;
using Cordouan.Node.Hosting;
using Cordouan.Node.Storage;
using Cordouan.Node.Tasks;
using Microsoft.Extensions.Logging;

namespace Cordouan.Node.Vms.Migration;

/// <summary>
/// Migration of a VM to another node (Proxmox's <c>qm migrate</c>). Offline (stopped VM): local volumes are streamed to
/// the target through <see cref="IVolumeTransfer"/>, then one compare-and-swap on the VM document moves ownership and
/// clears the <c>migrate</c> lock, then the source copies are freed. Online (running VM): the target starts the VM
/// paused through <see cref="IMigrationPeer"/>, local disks are mirrored, QEMU sends RAM and device state, and the same
/// compare-and-swap is the commit point before the target resumes. Until ownership moves, any failure takes back what
/// the target received and leaves the VM untouched (and running) on this node.
/// Split by concern: offline checks and planning (<c>.Plan.cs</c>), the offline task (<c>.Run.cs</c>), live checks
/// (<c>.LivePlan.cs</c>), the live task (<c>.Live.cs</c>), RAM convergence (<c>.Converge.cs</c>), logging (<c>.Log.cs</c>).
/// </summary>
public sealed partial class VmMigrator(
    VmRepository vms,
    StorageRegistry storages,
    IVmDriver driver,
    TaskManager tasks,
    VmOperationLocks operations,
    ClusterView cluster,
    IVolumeTransfer transfer,
    IVmMigrationDriver migration,
    IMigrationPeer peer,
    NodeIdentity node,
    TimeProvider time,
    ILogger<VmMigrator> logger)
{
    /// <summary>The persistent lock a migration holds in the VM document (Proxmox's name).</summary>
    public const string LockName = "migrate";

    /// <summary>The task type (Proxmox's).</summary>
    public const string TaskType = "qmigrate";

    /// <summary>The precondition check of <c>GET …/migrate</c>; with <paramref name="target"/> it also checks that node exists.</summary>
    public async Task<MigrationPrecheck> PrecheckAsync(VmId id, string? target, CancellationToken cancellationToken)
    {
        var vm = await vms.GetOwnedAsync(id, cancellationToken);
        var nodes = (await cluster.ListNodesAsync(cancellationToken)).ToDictionary(n => n.Name, StringComparer.Ordinal);
        if (target is not null && !nodes.ContainsKey(target))
        {
            throw new ValidationException("target", $"no such cluster node '{target}'");
        }
        var running = await driver.GetAsync(id, cancellationToken) is not null;
        var used = await UsedStoragesAsync(vm.Document, cancellationToken);
        var status = await cluster.GetStatusAsync(cancellationToken);
        var allowed = new List<string>();
        var notAllowed = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var member in status.Nodes.OrderBy(m => m.Name, StringComparer.Ordinal))
        {
            if (MigrationTargets.Refusal(member.Name, node.NodeName, nodes.GetValueOrDefault(member.Name), member.Online) is not null)
            {
                continue;
            }
            var unavailable = used.Where(s => !MigrationTargets.IsAvailableOn(s, member.Name)).Select(s => s.Id).ToList();
            if (unavailable.Count > 0)
            {
                notAllowed[member.Name] = unavailable;
            }
            else
            {
                allowed.Add(member.Name);
            }
        }
        return new MigrationPrecheck(running, allowed, notAllowed, await LocalDisksAsync(vm.Document, cancellationToken), MigrationVolumes.LocalResources(vm.Document));
    }

    /// <summary>
    /// Checks everything that can be checked up front (immediate errors, as Proxmox answers them), takes the
    /// <c>migrate</c> lock and starts the <c>qmigrate</c> task.
    /// </summary>
    public async Task<Upid> MigrateAsync(VmId id, MigrationRequest request, bool force, string user, CancellationToken cancellationToken)
    {
        var vm = await vms.GetOwnedAsync(id, cancellationToken);
        if (vm.Document.Lock is { } held)
        {
            throw new VmLockedException(held);
        }
        await EnsureTargetAsync(request.Target, cancellationToken);
        var live = await driver.GetAsync(id, cancellationToken) is not null;
        if (live && !request.Online)
        {
            throw new ValidationException("online", "can't migrate running VM without --online");
        }
        var plan = live ? null : await PlanAsync(vm.Document, request, force, cancellationToken);
        var livePlan = live ? await PlanLiveAsync(vm.Document, request, force, cancellationToken) : null;
        var operation = operations.Enter(id, LockName);
        try
        {
            await vms.MutateAsync(id, doc => doc.Lock is null ? doc with { Lock = LockName } : throw new VmLockedException(doc.Lock), cancellationToken);
            try
            {
                // Checked again under the lock: a start or stop that slipped in before it would change what must be done.
                if (await driver.GetAsync(id, cancellationToken) is not null != live)
                {
                    throw new VmStateException($"VM {id} was {(live ? "stopped" : "started")} meanwhile: migrate it again");
                }
                return await tasks.StartAsync(TaskType, id.ToString(), user, async ctx =>
                {
                    using (operation)
                    {
                        if (livePlan is not null)
                        {
                            await RunLiveAsync(id, livePlan, request, ctx);
                        }
                        else
                        {
                            await RunAsync(id, plan!, request, ctx);
                        }
                    }
                }, cancellationToken);
            }
            catch
            {
                await ReleaseLockAsync(id);
                throw;
            }
        }
        catch
        {
            operation.Dispose();
            throw;
        }
    }

    private async Task EnsureTargetAsync(string target, CancellationToken cancellationToken)
    {
        var status = await cluster.GetStatusAsync(cancellationToken);
        if (!status.Quorate)
        {
            throw new QuorumLostException("cannot migrate a VM without quorum");
        }
        var member = status.Nodes.FirstOrDefault(n => n.Name == target);
        var document = member is null ? null : await cluster.GetNodeAsync(target, cancellationToken);
        if (MigrationTargets.Refusal(target, node.NodeName, document, member?.Online ?? false) is { } refusal)
        {
            throw new ValidationException("target", refusal);
        }
    }

    /// <summary>Clears the <c>migrate</c> lock even when the task's own token is cancelled.</summary>
    private async Task ReleaseLockAsync(VmId id)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await ClearLockAsync(id, timeout.Token);
    }

    private async Task ClearLockAsync(VmId id, CancellationToken cancellationToken)
    {
        try
        {
            await vms.MutateAsync(id, doc => doc.Lock == LockName ? doc with { Lock = null } : doc, cancellationToken);
        }
        catch (VmNotFoundException)
        {
            // No longer ours (ownership moved): the switch cleared the lock.
        }
    }
}
