using Cordouan.Core.Cluster;
using Cordouan.Core.Ids;
using Cordouan.Node.Maintenance;
using Cordouan.Node.Vms;
using Cordouan.Node.Vms.Migration;

namespace Cordouan.Node.Ha;

public sealed partial class HaClusterManager
{
    /// <summary>Everything one pass decides from, read once.</summary>
    private sealed record ClusterPicture(
        IReadOnlyList<HaResourceDocument> Resources,
        IReadOnlyDictionary<string, VersionedDocument<HaServiceState>> Services,
        IReadOnlyDictionary<string, StoreEntry> Claims,
        IReadOnlySet<string> Alive,
        IReadOnlyList<NodeDocument> Nodes,
        IReadOnlyDictionary<string, HaLrmStatus> Lrms,
        IReadOnlyDictionary<string, HaGroupDocument> Groups,
        IReadOnlyDictionary<int, VersionedVm> Vms)
    {
        public Dictionary<string, NodeLoad> Loads { get; } = NodeLoad.Tally(Vms.Values.Select(v => v.Document));
    }

    /// <summary>A resource whose node lost its lease, due for recovery.</summary>
    private sealed record Orphan(HaResourceDocument Resource, VersionedVm Vm, VersionedDocument<HaServiceState>? Service);

    private async Task ManageAsync(CancellationToken cancellationToken)
    {
        var resources = (await ha.Resources.ListAsync(cancellationToken)).Select(r => r.Document).ToList();
        var services = await ha.Services.ListAsync(cancellationToken);
        foreach (var stale in services.Where(s => resources.All(r => r.Sid != s.Document.Sid)))
        {
            // The resource was removed: its runtime state (restarts, error) must not come back with a new one.
            await ha.Services.TryDeleteAsync(stale, cancellationToken);
        }
        if (resources.Count == 0)
        {
            _lostSince.Clear();
            ForgetStorageFences();
            return;
        }
        var picture = await ReadAsync(resources, services, cancellationToken);
        var now = time.GetTimestamp();
        var due = new Dictionary<string, List<Orphan>>(StringComparer.Ordinal);
        var lost = new HashSet<string>(StringComparer.Ordinal);
        foreach (var resource in resources.Where(r => r.State != HaStates.Ignored))
        {
            if (!picture.Vms.TryGetValue(resource.VmId, out var vm))
            {
                continue;
            }
            var owner = vm.Document.Owner;
            var service = picture.Services.GetValueOrDefault(resource.Sid);
            if (picture.Alive.Contains(owner) || picture.Claims.ContainsKey(resource.Sid))
            {
                if (service?.Document.State == HaServiceStates.Relocate && !picture.Claims.ContainsKey(resource.Sid))
                {
                    await RelocateAsync(resource, vm, service, picture, cancellationToken);
                }
                else
                {
                    await FailBackAsync(resource, vm, service, picture, cancellationToken);
                }
                continue;
            }
            if (picture.Lrms.GetValueOrDefault(owner)?.Mode == HaLrmModes.Restart)
            {
                await MarkAsync(resource.Sid, service, HaServiceStates.Freeze, $"node '{owner}' is restarting its daemon: left alone until it is back", cancellationToken);
                continue;
            }
            if (!_lostSince.TryGetValue(owner, out var since))
            {
                _lostSince[owner] = since = now;
                LogNodeLost(logger, owner);
            }
            lost.Add(resource.Sid);
            var storageFenced = await StorageFenceAsync(resource, vm, service, owner, cancellationToken);
            // A storage-fenced VM's margin runs from the fence: its node, which watches the blocklist, kills its copy meanwhile.
            var marginFrom = _storageFenced.TryGetValue(resource.Sid, out var fenced) ? fenced.Timestamp : since;
            if (!storageFenced || time.GetElapsedTime(marginFrom, time.GetTimestamp()) < FenceMargin)
            {
                var why = storageFenced ? "fencing" : "its disk clients could not be cut off yet: retrying";
                await MarkAsync(resource.Sid, service, HaServiceStates.Fence, $"node '{owner}' lost its lease: {why}", cancellationToken);
                continue;
            }
            (due.TryGetValue(owner, out var list) ? list : due[owner] = []).Add(new Orphan(resource, vm, service));
        }
        foreach (var back in _lostSince.Keys.Where(picture.Alive.Contains).ToList())
        {
            _lostSince.Remove(back);
        }
        ForgetSettledStorageFences(lost);
        foreach (var (owner, orphans) in due)
        {
            await RecoverAsync(owner, orphans, picture, cancellationToken);
        }
    }

    private async Task<ClusterPicture> ReadAsync(IReadOnlyList<HaResourceDocument> resources, IReadOnlyList<VersionedDocument<HaServiceState>> states, CancellationToken cancellationToken)
    {
        var services = states.ToDictionary(s => s.Document.Sid, StringComparer.Ordinal);
        var claimed = await claims.ListAsync(cancellationToken);
        var alive = (await store.ListAsync(ClusterKeys.AlivePrefix, cancellationToken)).Select(e => e.Key[ClusterKeys.AlivePrefix.Length..]).ToHashSet(StringComparer.Ordinal);
        var nodes = await cluster.ListNodesAsync(cancellationToken);
        var lrms = (await ha.Lrms.ListAsync(cancellationToken)).ToDictionary(l => l.Key[ClusterKeys.HaLrmPrefix.Length..], l => l.Document, StringComparer.Ordinal);
        var groups = (await ha.Groups.ListAsync(cancellationToken)).ToDictionary(g => g.Document.Name, g => g.Document, StringComparer.Ordinal);
        var all = (await vms.ListAsync(cancellationToken)).ToDictionary(v => v.Document.VmId);
        return new ClusterPicture(resources, services, claimed, alive, nodes, lrms, groups, all);
    }

    private async Task MarkAsync(string sid, VersionedDocument<HaServiceState>? service, string state, string message, CancellationToken cancellationToken)
    {
        if (service?.Document.State != state)
        {
            await ha.WriteServiceAsync(sid, service, s => s with { State = state, Message = message }, time.GetUtcNow(), cancellationToken);
        }
    }

    private string? TargetFor(HaResourceDocument resource, ClusterPicture picture, IEnumerable<string> exclude) =>
        HaPlacement.Choose(resource.Group is { } g ? picture.Groups.GetValueOrDefault(g) : null, picture.Nodes, picture.Alive, picture.Loads, exclude);

    /// <summary>
    /// Moves the VM's ownership to <paramref name="target"/> in one transaction that holds only while nobody claims
    /// it, the VM document is as read and (for recovery) its old node is still without a lease.
    /// </summary>
    private async Task<bool> MoveAsync(Orphan orphan, string target, string? deadOwner, HaServiceState next, CancellationToken cancellationToken)
    {
        var doc = orphan.Vm.Document;
        var moved = doc with { Owner = target, Lock = doc.Lock == VmMigrator.LockName ? null : doc.Lock };
        var compares = new List<TxnCompare>
        {
            TxnCompare.Absent(ClusterKeys.HaClaim(orphan.Resource.Sid)),
            new(ClusterKeys.Vm(doc.Id), orphan.Vm.Revision),
        };
        if (deadOwner is not null)
        {
            compares.Add(TxnCompare.Absent(ClusterKeys.NodeAlive(deadOwner)));
        }
        var ops = new List<TxnOp> { new TxnOp.Put(ClusterKeys.Vm(doc.Id), VmRepository.Serialize(moved)) };
        var nextBytes = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(next with { Changed = time.GetUtcNow().ToUnixTimeSeconds() }, HaJsonContext.Default.HaServiceState);
        if (orphan.Service is { } service)
        {
            compares.Add(new TxnCompare(service.Key, service.Revision));
        }
        else
        {
            compares.Add(TxnCompare.Absent(ClusterKeys.HaService(orphan.Resource.Sid)));
        }
        ops.Add(new TxnOp.Put(ClusterKeys.HaService(orphan.Resource.Sid), nextBytes));
        return (await store.TransactAsync(compares, ops, cancellationToken)).Succeeded;
    }
}
