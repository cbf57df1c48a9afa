using Cordouan.Core.Errors;
using Cordouan.Core.Ids;
using Cordouan.Core.Tasks;
using Cordouan.Core.Vms;
using Cordouan.Node.Cluster;
using Cordouan.Node.Hosting;
using Cordouan.Node.Storage;
using Cordouan.Node.Tasks;
using Microsoft.Extensions.Logging;

namespace Cordouan.Node.Vms.Migration;

/// <summary>
/// Offline migration of a stopped VM to another node (Proxmox's <c>qm migrate</c> without <c>--online</c>): local
/// volumes are streamed to the target through <see cref="IVolumeTransfer"/>, then one compare-and-swap on the VM
/// document moves ownership and clears the <c>migrate</c> lock, then the source copies are freed. Until ownership
/// moves, any failure takes back what the target received and leaves the VM untouched on this node.
/// Split by concern: checks and planning (<c>.Plan.cs</c>), the task (<c>.Run.cs</c>), logging (<c>.Log.cs</c>).
/// </summary>
public sealed partial class VmMigrator(
    VmRepository vms,
    StorageRegistry storages,
    IVmDriver driver,
    TaskManager tasks,
    VmOperationLocks operations,
    ClusterView cluster,
    IVolumeTransfer transfer,
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
        await EnsureStoppedAsync(id, request.Online, cancellationToken);
        var plan = await PlanAsync(vm.Document, request, force, cancellationToken);
        var operation = operations.Enter(id, LockName);
        try
        {
            await vms.MutateAsync(id, doc => doc.Lock is null ? doc with { Lock = LockName } : throw new VmLockedException(doc.Lock), cancellationToken);
            try
            {
                // Checked again under the lock: a start that slipped in before it would otherwise be copied from under.
                await EnsureStoppedAsync(id, request.Online, cancellationToken);
                return await tasks.StartAsync(TaskType, id.ToString(), user, async ctx =>
                {
                    using (operation)
                    {
                        await RunAsync(id, plan, request, ctx);
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

    private async Task EnsureStoppedAsync(VmId id, bool online, CancellationToken cancellationToken)
    {
        if (await driver.GetAsync(id, cancellationToken) is null)
        {
            return;
        }
        throw online
            ? new ValidationException("online", $"live migration is not available yet: shut VM {id} down and migrate it offline")
            : new ValidationException("online", "can't migrate running VM without --online");
    }

    /// <summary>Clears the <c>migrate</c> lock even when the task's own token is cancelled.</summary>
    private async Task ReleaseLockAsync(VmId id)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await vms.MutateAsync(id, doc => doc.Lock == LockName ? doc with { Lock = null } : doc, timeout.Token);
        }
        catch (VmNotFoundException)
        {
            // No longer ours (ownership moved): the switch cleared the lock.
        }
    }
}
