using System.Text.Json;
using Cordouan.Core.Cluster;
using Cordouan.Core.Errors;
using Cordouan.Core.Tasks;
using Cordouan.Core.Vms;
using Cordouan.Node.Hosting;
using Cordouan.Node.Tasks;
using Cordouan.Node.Vms;
using Cordouan.Node.Vms.Migration;
using Microsoft.Extensions.Logging;

namespace Cordouan.Node.Maintenance;

/// <summary>
/// Maintenance mode of this node: entering sets the flag in the node document (compare-and-swap) so that no new VM
/// lands here (creates, starts, clones, migrations to it are refused), then a <c>nodemaint</c> task evacuates every VM
/// the node owns through <see cref="VmMigrator"/>. The flag stays until an operator exits maintenance, even when some
/// VMs could not move. Split by concern: the evacuation task (<c>.Evacuate.cs</c>), logging (<c>.Log.cs</c>).
/// </summary>
public sealed partial class NodeMaintenance(
    IClusterStore store,
    VmRepository vms,
    IVmDriver driver,
    VmMigrator migrator,
    TaskManager tasks,
    NodeIdentity node,
    TimeProvider time,
    ILogger<NodeMaintenance> logger)
{
    /// <summary>The task type of entering maintenance (flag, then evacuation).</summary>
    public const string TaskType = "nodemaint";

    private const int CasAttempts = 20;

    /// <summary>1 while an evacuation task runs on this node.</summary>
    private int _evacuating;

    /// <summary>
    /// Sets the flag before the task starts, so that once the caller holds the UPID new placements are already refused
    /// (and a store without quorum is an immediate 503); the task then evacuates unless <paramref name="evacuate"/> is false.
    /// Entering again while in maintenance evacuates again (the VMs that stayed get another chance).
    /// </summary>
    public async Task<Upid> EnterAsync(bool evacuate, string user, CancellationToken cancellationToken)
    {
        if ((await ReadAsync(cancellationToken)).Document.IsWitness)
        {
            throw new ValidationException("node", $"node '{node.NodeName}' is a witness: it runs no VMs, so maintenance does not apply");
        }
        // One evacuation at a time: a second one would only find the first one's VMs locked by their migrations.
        if (evacuate && Interlocked.CompareExchange(ref _evacuating, 1, 0) != 0)
        {
            throw new CordouanException($"node '{node.NodeName}' is already being evacuated: wait for its {TaskType} task to finish");
        }
        try
        {
            var (changed, revision) = await SetFlagAsync(true, cancellationToken);
            if (changed)
            {
                LogEntered(logger, node.NodeName);
            }
            return await tasks.StartAsync(TaskType, node.NodeName, user, async ctx =>
            {
                ctx.Log(changed
                    ? $"node '{node.NodeName}' entered maintenance mode (node document revision {revision}): new VMs are refused here"
                    : $"node '{node.NodeName}' was already in maintenance mode");
                if (!evacuate)
                {
                    ctx.Log("evacuation skipped (evacuate=0): the VMs stay on this node");
                    return;
                }
                try
                {
                    await EvacuateAsync(user, ctx);
                }
                finally
                {
                    Volatile.Write(ref _evacuating, 0);
                }
            }, cancellationToken);
        }
        catch when (evacuate)
        {
            // The task never started: nothing evacuates.
            Volatile.Write(ref _evacuating, 0);
            throw;
        }
    }

    /// <summary>Clears the flag: the node takes new VMs again (VMs that left stay where they are).</summary>
    public async Task ExitAsync(CancellationToken cancellationToken)
    {
        if ((await SetFlagAsync(false, cancellationToken)).Changed)
        {
            LogExited(logger, node.NodeName);
        }
    }

    /// <summary>The flag and every VM this node still owns, in VMID order.</summary>
    public async Task<MaintenanceStatus> GetStatusAsync(CancellationToken cancellationToken)
    {
        var (document, _) = await ReadAsync(cancellationToken);
        var owned = new List<MaintenanceVm>();
        foreach (var vm in (await vms.ListAsync(cancellationToken)).Select(v => v.Document).Where(d => d.Owner == node.NodeName).OrderBy(d => d.VmId))
        {
            var running = await driver.GetAsync(vm.Id, cancellationToken) is not null;
            owned.Add(new MaintenanceVm(vm.Id, vm.Name, running ? "running" : "stopped", vm.Lock));
        }
        return new MaintenanceStatus(document.Maintenance, owned);
    }

    /// <summary>Compare-and-swap of the flag in this node's document; a lost race (the node re-recording its addresses) is retried.</summary>
    private async Task<(bool Changed, long Revision)> SetFlagAsync(bool maintenance, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (document, revision) = await ReadAsync(cancellationToken);
            if (document.Maintenance == maintenance)
            {
                return (false, revision);
            }
            var next = JsonSerializer.SerializeToUtf8Bytes(document with { Maintenance = maintenance }, StateJsonContext.Default.NodeDocument);
            var result = await store.CompareAndPutAsync(ClusterKeys.Node(node.NodeName), revision, next, cancellationToken);
            if (result.Succeeded)
            {
                return (true, result.Revision);
            }
            if (attempt == CasAttempts)
            {
                throw new ConfigConflictException();
            }
        }
    }

    private async Task<(NodeDocument Document, long Revision)> ReadAsync(CancellationToken cancellationToken)
    {
        var entry = await store.GetAsync(ClusterKeys.Node(node.NodeName), cancellationToken)
            ?? throw new CordouanException($"Failed to read the maintenance mode of node '{node.NodeName}': it has no node document (restart cordouand to record it)");
        return (JsonSerializer.Deserialize(entry.Value, StateJsonContext.Default.NodeDocument)!, entry.ModRevision);
    }
}
