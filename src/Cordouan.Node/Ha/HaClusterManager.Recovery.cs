using Cordouan.Node.Maintenance;
using Cordouan.Node.Tasks;

namespace Cordouan.Node.Ha;

public sealed partial class HaClusterManager
{
    /// <summary>How long a failover task follows the recovered VMs until their new nodes report them running.</summary>
    private static readonly TimeSpan RunningWatch = TimeSpan.FromSeconds(120);

    /// <summary>
    /// Recovers the HA VMs of a node that lost its lease, as one <c>hafailover</c> task whose log is the failover's
    /// timeline (lease lost seen, disk clients cut off, fencing margin over, each VM's new node, each VM running
    /// there); the new node's manager starts each VM. This pass waits only for the moves: the task follows the
    /// starts on its own.
    /// </summary>
    private async Task RecoverAsync(string deadNode, List<Orphan> orphans, ClusterPicture picture, CancellationToken cancellationToken)
    {
        var lostSince = _lostSince[deadNode];
        var moved = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await tasks.StartAsync("hafailover", deadNode, HaLocalManager.User, async ctx =>
        {
            try
            {
                var waited = time.GetElapsedTime(lostSince);
                ctx.Log($"node '{deadNode}' lost its lease (seen {waited.TotalSeconds:0.0} s ago): its HA VMs are fenced (killed at its own lease deadline, or their disk clients cut off) and the {FenceMargin.TotalSeconds:0} s fencing margin is over");
                ctx.Record("fence_wait_ms", Math.Round(waited.TotalMilliseconds));
                var recovered = new List<(string Sid, string Target)>();
                foreach (var orphan in orphans)
                {
                    if (await RecoverOneAsync(deadNode, orphan, picture, ctx, cancellationToken) is { } target)
                    {
                        recovered.Add((orphan.Resource.Sid, target));
                    }
                }
                var recovery = time.GetElapsedTime(lostSince);
                ctx.Record("recovered", recovered.Count);
                ctx.Record("recovery_ms", Math.Round(recovery.TotalMilliseconds));
                moved.TrySetResult();
                var running = await FollowStartsAsync(recovered, time.GetUtcNow() - time.GetElapsedTime(lostSince), ctx, cancellationToken);
                HaMetrics.RecordFailover(waited, recovery, recovered.Count, running);
                if (recovered.Count < orphans.Count)
                {
                    throw new Core.Errors.CordouanException($"{orphans.Count - recovered.Count} of {orphans.Count} HA resource(s) of node '{deadNode}' could not be recovered (see the log)");
                }
            }
            finally
            {
                moved.TrySetResult();
            }
        }, cancellationToken);
        await moved.Task.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Waits (bounded) until each recovered VM's new node reports it running, and logs when, counted from the moment
    /// the lease loss was seen (<paramref name="lostAt"/>; nodes' clocks are assumed in sync, as etcd needs them).
    /// Returns the longest such time, or null when a VM was not seen running in time.
    /// </summary>
    private async Task<TimeSpan?> FollowStartsAsync(List<(string Sid, string Target)> recovered, DateTimeOffset lostAt, TaskContext ctx, CancellationToken cancellationToken)
    {
        var pending = recovered.ToDictionary(r => r.Sid, r => r.Target, StringComparer.Ordinal);
        var longest = TimeSpan.Zero;
        var started = time.GetTimestamp();
        while (pending.Count > 0 && time.GetElapsedTime(started) < RunningWatch)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250), time, cancellationToken);
            foreach (var (sid, target) in pending.ToList())
            {
                if (await ha.Services.FindAsync(sid, cancellationToken) is { Document: { Node: var at, RunningSince: { } since } } && at == target)
                {
                    var after = DateTimeOffset.FromUnixTimeMilliseconds(since) - lostAt;
                    ctx.Log($"{sid}: running on node '{target}' {after.TotalSeconds:0.0} s after the lease loss was seen");
                    longest = after > longest ? after : longest;
                    pending.Remove(sid);
                }
            }
        }
        foreach (var (sid, target) in pending)
        {
            ctx.Warn($"{sid}: not reported running on node '{target}' within {RunningWatch.TotalSeconds:0} s (see that node's tasks)");
        }
        if (recovered.Count > 0)
        {
            ctx.Record("running_ms", Math.Round(longest.TotalMilliseconds));
        }
        return pending.Count == 0 && recovered.Count > 0 ? longest : null;
    }

    private async Task<string?> RecoverOneAsync(string deadNode, Orphan orphan, ClusterPicture picture, TaskContext ctx, CancellationToken cancellationToken)
    {
        var sid = orphan.Resource.Sid;
        var target = TargetFor(orphan.Resource, picture, [deadNode]);
        if (target is null)
        {
            ctx.Warn($"{sid}: no node is allowed to run it (alive, not in maintenance, in its group if restricted): it stays on '{deadNode}'");
            await MarkAsync(sid, orphan.Service, HaServiceStates.Error, $"node '{deadNode}' is fenced and no node is allowed to run it", cancellationToken);
            return null;
        }
        if (_storageFenced.TryGetValue(sid, out var storageFence))
        {
            var afterLoss = time.GetElapsedTime(_lostSince[deadNode], storageFence.Timestamp);
            ctx.Log($"{sid}: storage-fenced {afterLoss.TotalSeconds:0.0} s after the lease loss was seen: disk clients cut off (Ceph blocklist): {(storageFence.Clients.Count == 0 ? "none was open" : string.Join(", ", storageFence.Clients))}");
            ctx.Record("storage_fence_ms", Math.Round(afterLoss.TotalMilliseconds));
        }
        var next = (orphan.Service?.Document ?? new HaServiceState { Sid = sid }) with
        {
            State = HaServiceStates.Recovery,
            Node = target,
            Restarts = 0,
            Message = $"recovered from fenced node '{deadNode}'",
            Clients = [],
            RunningSince = null,
        };
        if (!await MoveAsync(orphan, target, deadNode, next, cancellationToken))
        {
            // Someone claimed it (its node came back in time) or the VM changed: the next pass decides again.
            ctx.Log($"{sid}: changed meanwhile (node back, or VM updated): not moved");
            return null;
        }
        picture.Loads[target] = picture.Loads.GetValueOrDefault(target, NodeLoad.Empty).Plus(NodeLoad.MemoryOf(orphan.Vm.Document));
        ctx.Log($"{sid}: moved to node '{target}' ({(orphan.Resource.State == HaStates.Started ? "it starts it now" : $"requested {orphan.Resource.State}")})");
        LogRecovered(logger, sid, deadNode, target);
        return target;
    }

    /// <summary>Its node gave up restarting it: another node gets it, up to <c>max_relocate</c> times, then <c>error</c>.</summary>
    private async Task RelocateAsync(HaResourceDocument resource, Vms.VersionedVm vm, VersionedDocument<HaServiceState> service, ClusterPicture picture, CancellationToken cancellationToken)
    {
        var state = service.Document;
        var target = TargetFor(resource, picture, state.FailedNodes.Append(vm.Document.Owner));
        if (state.Relocates >= resource.MaxRelocate || target is null)
        {
            var why = target is null ? "no other node is allowed to run it" : $"relocated {state.Relocates} time(s) already (max_relocate {resource.MaxRelocate})";
            await MarkAsync(resource.Sid, service, HaServiceStates.Error, $"{state.Message}; {why}: fix the VM, then set the resource to disabled and back to started", cancellationToken);
            LogGaveUp(logger, resource.Sid, why);
            return;
        }
        var next = state with { State = HaServiceStates.Recovery, Node = target, Restarts = 0, Relocates = state.Relocates + 1, Message = $"relocated from node '{vm.Document.Owner}'", RunningSince = null };
        if (await MoveAsync(new Orphan(resource, vm, service), target, deadOwner: null, next, cancellationToken))
        {
            LogRelocated(logger, resource.Sid, vm.Document.Owner, target);
        }
    }
}
