using System.Globalization;
using Cordouan.Core.Errors;
using Cordouan.Core.Ids;
using Cordouan.Core.Tasks;
using Cordouan.Node.Tasks;
using Cordouan.Node.Vms.Migration;

namespace Cordouan.Node.Maintenance;

public sealed partial class NodeMaintenance
{
    /// <summary>Longest one VM's migration may take before the evacuation aborts it and goes on with the next VM.</summary>
    private static readonly TimeSpan MigrationTimeout = TimeSpan.FromMinutes(15);

    /// <summary>How long an aborted migration gets to roll back before the evacuation stops waiting for it.</summary>
    private static readonly TimeSpan AbortWait = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Moves every VM this node owns, in VMID order and one at a time: running VMs live (mirroring local disks), stopped
    /// ones offline, each to the allowed node that carries the least (<see cref="EvacuationTargets"/>). A VM that cannot
    /// move is a task warning and stays; the task still ends without error.
    /// </summary>
    private async Task EvacuateAsync(string user, TaskContext ctx)
    {
        var ct = ctx.CancellationToken;
        var started = time.GetTimestamp();
        var all = await vms.ListAsync(ct);
        var loads = NodeLoad.Tally(all.Select(v => v.Document));
        var owned = all.Select(v => v.Document).Where(d => d.Owner == node.NodeName).OrderBy(d => d.VmId).Select(d => d.Id).ToList();
        if (owned.Count == 0)
        {
            ctx.Log("no VMs on this node: nothing to evacuate");
            return;
        }
        ctx.Log($"evacuating {owned.Count} VM(s) in VMID order, one at a time, each to the allowed node with the fewest VMs (then the least configured memory)");
        var moved = 0;
        var stayed = new List<VmId>();
        foreach (var id in owned)
        {
            switch (await EvacuateOneAsync(id, loads, user, ctx))
            {
                case Outcome.Moved:
                    moved++;
                    break;
                case Outcome.Stayed:
                    stayed.Add(id);
                    break;
            }
        }
        var seconds = time.GetElapsedTime(started).TotalSeconds;
        var left = stayed.Count == 0 ? "" : $" ({string.Join(", ", stayed)})";
        ctx.Log(string.Create(CultureInfo.InvariantCulture,
            $"evacuation finished: {moved} VM(s) moved, {stayed.Count} stayed{left}, total time {seconds:0.0} s; node '{node.NodeName}' stays in maintenance mode"));
        LogEvacuated(logger, node.NodeName, moved, stayed.Count, seconds);
    }

    private async Task<Outcome> EvacuateOneAsync(VmId id, Dictionary<string, NodeLoad> loads, string user, TaskContext ctx)
    {
        var ct = ctx.CancellationToken;
        var vm = await vms.FindAsync(id, ct);
        if (vm is null || vm.Document.Owner != node.NodeName)
        {
            ctx.Log($"VM {id} is no longer on this node (deleted or moved meanwhile)");
            return Outcome.Gone;
        }
        if (vm.Document.Lock is { } held)
        {
            return Stays(ctx, id, $"it is locked ({held}); unlock it and enter maintenance again");
        }
        MigrationPrecheck check;
        try
        {
            check = await migrator.PrecheckAsync(id, null, ct);
        }
        catch (CordouanException e) when (e is not QuorumLostException)
        {
            return Stays(ctx, id, Reason(e));
        }
        if (check.LocalResources.Count > 0)
        {
            return Stays(ctx, id, $"it uses local devices ({string.Join(", ", check.LocalResources)})");
        }
        if (EvacuationTargets.Choose(check.AllowedNodes, loads) is not { } target)
        {
            var lacking = check.NotAllowedNodes.Select(n => $"{n.Key} lacks storage {string.Join("/", n.Value)}");
            return Stays(ctx, id, check.NotAllowedNodes.Count == 0
                ? "no other node is online and out of maintenance"
                : $"no node can take it ({string.Join("; ", lacking)})");
        }
        var request = new MigrationRequest(target) { Online = check.Running, WithLocalDisks = check.Running && check.LocalDisks.Count > 0 };
        var load = loads.GetValueOrDefault(target, NodeLoad.Empty);
        var how = check.Running ? (request.WithLocalDisks ? "live migration with local disks" : "live migration") : "offline migration";
        ctx.Log($"VM {id} ({vm.Document.Name}, {(check.Running ? "running" : "stopped")}): {how} to {target} ({load.Vms} VM(s), {load.MemoryMiB} MiB configured there)");
        var started = time.GetTimestamp();
        Upid upid;
        try
        {
            upid = await migrator.MigrateAsync(id, request, force: false, user, ct);
        }
        catch (CordouanException e) when (e is not QuorumLostException)
        {
            return Stays(ctx, id, Reason(e));
        }
        var exit = await WaitForMigrationAsync(upid, ctx);
        if (exit is "OK" || exit.StartsWith("WARNINGS", StringComparison.Ordinal))
        {
            loads[target] = load.Plus(NodeLoad.MemoryOf(vm.Document));
            ctx.Log(string.Create(CultureInfo.InvariantCulture, $"VM {id} moved to {target} in {time.GetElapsedTime(started).TotalSeconds:0.0} s ({upid})"));
            return Outcome.Moved;
        }
        return Stays(ctx, id, $"its migration to {target} failed: {exit} (task {upid})");
    }

    /// <summary>Waits (bounded) for a migration task and returns its exit status; aborts it when it overruns or the evacuation is aborted.</summary>
    private async Task<string> WaitForMigrationAsync(Upid upid, TaskContext ctx)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ctx.CancellationToken);
        deadline.CancelAfter(MigrationTimeout);
        try
        {
            await tasks.WaitAsync(upid, deadline.Token);
        }
        catch (OperationCanceledException)
        {
            // The migration rolls back on its own when aborted; give it a bounded time to do so before going on.
            tasks.Abort(upid.ToString());
            using var rollback = new CancellationTokenSource(AbortWait);
            await tasks.WaitAsync(upid, rollback.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            ctx.CancellationToken.ThrowIfCancellationRequested();
            return $"did not finish within {MigrationTimeout.TotalMinutes:0} minutes and was aborted";
        }
        return (await tasks.GetAsync(upid.ToString(), ctx.CancellationToken)).ExitStatus ?? "unknown";
    }

    private static Outcome Stays(TaskContext ctx, VmId id, string reason)
    {
        ctx.Warn($"VM {id} stays on this node: {reason}");
        return Outcome.Stayed;
    }

    private static string Reason(CordouanException e) =>
        e is ValidationException v ? string.Join("; ", v.Errors.Select(p => $"{p.Key}: {p.Value}")) : e.Message;

    private enum Outcome
    {
        Moved,
        Stayed,
        Gone,
    }
}
