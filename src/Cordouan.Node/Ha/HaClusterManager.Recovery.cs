using Cordouan.Node.Maintenance;
using Cordouan.Node.Tasks;

namespace Cordouan.Node.Ha;

public sealed partial class HaClusterManager
{
    /// <summary>
    /// Recovers the HA VMs of a node that lost its lease, as one <c>hafailover</c> task whose log is the failover's
    /// timeline (lease lost seen, fencing margin over, each VM's new node); the new node's manager starts each VM.
    /// </summary>
    private async Task RecoverAsync(string deadNode, List<Orphan> orphans, ClusterPicture picture, CancellationToken cancellationToken)
    {
        var lostSince = _lostSince[deadNode];
        var upid = await tasks.StartAsync("hafailover", deadNode, HaLocalManager.User, async ctx =>
        {
            var waited = time.GetElapsedTime(lostSince);
            ctx.Log($"node '{deadNode}' lost its lease (seen {waited.TotalSeconds:0.0} s ago): it fenced itself at its own lease deadline, and the {FenceMargin.TotalSeconds:0} s fencing margin is over");
            ctx.Record("fence_wait_ms", Math.Round(waited.TotalMilliseconds));
            var recovered = 0;
            foreach (var orphan in orphans)
            {
                if (await RecoverOneAsync(deadNode, orphan, picture, ctx, cancellationToken))
                {
                    recovered++;
                }
            }
            ctx.Record("recovered", recovered);
            ctx.Record("recovery_ms", Math.Round(time.GetElapsedTime(lostSince).TotalMilliseconds));
            HaMetrics.RecordFailover(waited, time.GetElapsedTime(lostSince), recovered);
            if (recovered < orphans.Count)
            {
                throw new Core.Errors.CordouanException($"{orphans.Count - recovered} of {orphans.Count} HA resource(s) of node '{deadNode}' could not be recovered (see the log)");
            }
        }, cancellationToken);
        await tasks.WaitAsync(upid, cancellationToken);
    }

    private async Task<bool> RecoverOneAsync(string deadNode, Orphan orphan, ClusterPicture picture, TaskContext ctx, CancellationToken cancellationToken)
    {
        var sid = orphan.Resource.Sid;
        var target = TargetFor(orphan.Resource, picture, [deadNode]);
        if (target is null)
        {
            ctx.Warn($"{sid}: no node is allowed to run it (alive, not in maintenance, in its group if restricted): it stays on '{deadNode}'");
            await MarkAsync(sid, orphan.Service, HaServiceStates.Error, $"node '{deadNode}' is fenced and no node is allowed to run it", cancellationToken);
            return false;
        }
        var next = (orphan.Service?.Document ?? new HaServiceState { Sid = sid }) with
        {
            State = HaServiceStates.Recovery,
            Node = target,
            Restarts = 0,
            Message = $"recovered from fenced node '{deadNode}'",
        };
        if (!await MoveAsync(orphan, target, deadNode, next, cancellationToken))
        {
            // Someone claimed it (its node came back in time) or the VM changed: the next pass decides again.
            ctx.Log($"{sid}: changed meanwhile (node back, or VM updated): not moved");
            return false;
        }
        picture.Loads[target] = picture.Loads.GetValueOrDefault(target, NodeLoad.Empty).Plus(NodeLoad.MemoryOf(orphan.Vm.Document));
        ctx.Log($"{sid}: moved to node '{target}' ({(orphan.Resource.State == HaStates.Started ? "it starts it now" : $"requested {orphan.Resource.State}")})");
        LogRecovered(logger, sid, deadNode, target);
        return true;
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
        var next = state with { State = HaServiceStates.Recovery, Node = target, Restarts = 0, Relocates = state.Relocates + 1, Message = $"relocated from node '{vm.Document.Owner}'" };
        if (await MoveAsync(new Orphan(resource, vm, service), target, deadOwner: null, next, cancellationToken))
        {
            LogRelocated(logger, resource.Sid, vm.Document.Owner, target);
        }
    }
}
