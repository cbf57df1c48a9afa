using Cordouan.Core.Errors;
using Cordouan.Core.Ids;
using Cordouan.Core.Tasks;
using Cordouan.Node.Tasks;
using Cordouan.Node.Vms.Migration;

namespace Cordouan.Node.Guests;

public sealed partial class NodeGuests
{
    /// <summary>
    /// Checks the target as Proxmox does before any task (<c>target is local node.</c>, unknown node), then starts a
    /// <c>migrateall</c> task moving every VM of this node (or of <paramref name="only"/>), templates and HA-managed
    /// VMs included, running ones live; a VM whose precondition check fails stays, with the reasons in the log.
    /// </summary>
    public async Task<Upid> MigrateAllAsync(string target, bool? withLocalDisks, IReadOnlySet<VmId>? only, int maxWorkers, string user, CancellationToken cancellationToken)
    {
        if (target == node.NodeName)
        {
            throw new ValidationException("target", "target is local node.");
        }
        if (await cluster.GetNodeAsync(target, cancellationToken) is null)
        {
            throw new ValidationException("target", $"no such cluster node '{target}'");
        }
        return await tasks.StartAsync(MigrateAllTaskType, "", user, ctx => MigrateAllBodyAsync(target, withLocalDisks, only, maxWorkers, user, ctx), cancellationToken);
    }

    private async Task MigrateAllBodyAsync(string target, bool? withLocalDisks, IReadOnlySet<VmId>? only, int maxWorkers, string user, TaskContext ctx)
    {
        var ct = ctx.CancellationToken;
        var list = GuestPlan.ForMigrate(await CandidatesAsync(ct), only);
        if (list.Count == 0)
        {
            ctx.Warn("no virtual guests matched, nothing to do..");
            return;
        }
        var workers = new List<Worker>();
        var started = 0;
        foreach (var id in list)
        {
            try
            {
                var upid = await MigrateOneAsync(id, target, withLocalDisks, user, ctx);
                started++;
                workers.Add(Track(id, upid, ct));
                while (workers.Count >= maxWorkers)
                {
                    await WaitForAnyAsync(workers, ct);
                }
            }
            catch (CordouanException e) when (e is not QuorumLostException)
            {
                ctx.Warn(Reason(e));
            }
        }
        while (workers.Count > 0)
        {
            await WaitForAnyAsync(workers, ct);
        }
        if (started == 0)
        {
            throw new CordouanException("no migrations worker started...");
        }
        ctx.Log($"All jobs finished, used {started} workers in total.");
    }

    private async Task<Upid> MigrateOneAsync(VmId id, string target, bool? withLocalDisks, string user, TaskContext ctx)
    {
        var ct = ctx.CancellationToken;
        var check = await migrator.PrecheckAsync(id, target, ct);
        var invalid = new List<string>();
        if (check.Running && withLocalDisks != true && check.LocalDisks.Count > 0)
        {
            invalid.Add("Has local disks: " + string.Join(", ", check.LocalDisks.Select(d => d.Volume.ToString())));
        }
        if (check.LocalResources.Count > 0)
        {
            invalid.Add("Has local resources: " + string.Join(", ", check.LocalResources));
        }
        if (check.NotAllowedNodes.TryGetValue(target, out var unavailable))
        {
            invalid.Add("Has unavailable storages: " + string.Join(", ", unavailable));
        }
        if (invalid.Count > 0)
        {
            throw new CordouanException($"Check VM {id}: skip VM {id} - precondition check failed: " + string.Join("; ", invalid));
        }
        ctx.Log($"Check VM {id}: precondition check passed");
        ctx.Log($"Migrating VM {id}");
        var request = new MigrationRequest(target) { Online = check.Running, WithLocalDisks = withLocalDisks ?? false };
        return await migrator.MigrateAsync(id, request, force: false, user, ct);
    }
}
