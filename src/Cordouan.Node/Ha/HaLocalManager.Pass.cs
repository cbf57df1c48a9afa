using Cordouan.Core.Cluster;
using Cordouan.Core.Errors;
using Cordouan.Core.Ids;
using Cordouan.Node.Vms;

namespace Cordouan.Node.Ha;

public sealed partial class HaLocalManager
{
    /// <summary>One reconciliation of this node's HA VMs against their requested state.</summary>
    private async Task PassAsync(HeldLease held, CancellationToken cancellationToken)
    {
        var resources = await ha.Resources.ListAsync(cancellationToken);
        var managed = new HashSet<VmId>();
        var armedPids = new Dictionary<VmId, Guard.GuardedVm>();
        await SweepKeptCopiesAsync(cancellationToken);
        var claimed = await claims.ListAsync(cancellationToken);
        if (resources.Count > 0)
        {
            var services = (await ha.Services.ListAsync(cancellationToken)).ToDictionary(s => s.Document.Sid, StringComparer.Ordinal);
            foreach (var resource in resources.Select(r => r.Document))
            {
                var vm = await vms.FindAsync(new VmId(resource.VmId), cancellationToken);
                if (vm is null || vm.Document.Owner != node.NodeName || resource.State == HaStates.Ignored)
                {
                    continue;
                }
                managed.Add(vm.Document.Id);
                if (await ReconcileAsync(resource, vm, services.GetValueOrDefault(resource.Sid), claimed.GetValueOrDefault(resource.Sid), held, cancellationToken) is { } pid)
                {
                    var storageFenced = _storageFenced.TryGetValue(vm.Document.Id, out var clients) && clients.Pid == pid;
                    armedPids[vm.Document.Id] = new Guard.GuardedVm(pid, storageFenced);
                }
            }
        }
        foreach (var gone in _armed.Keys.Where(id => !managed.Contains(id)).ToList())
        {
            // No longer HA here (resource removed or ignored, VM moved away): no longer fenced either.
            _armed.TryRemove(gone, out _);
            _storageFenced.TryRemove(gone, out _);
        }
        await SyncGuardAsync(armedPids, cancellationToken);
        foreach (var (sid, claim) in claimed.Where(c => c.Value.Lease == held.Id && !managed.Contains(new VmId(HaResourceDocument.VmIdOf(c.Key)))))
        {
            // A claim of ours on what we no longer manage would stop its recovery if its new node died.
            await claims.ReleaseAsync(sid, claim, cancellationToken);
        }
        await ReportModeAsync(cancellationToken);
    }

    /// <summary>Makes one HA VM match its requested state; returns its QEMU pid when it runs here armed (for the fence guard).</summary>
    private async Task<int?> ReconcileAsync(HaResourceDocument resource, VersionedVm vm, VersionedDocument<HaServiceState>? service, StoreEntry? claim, HeldLease held, CancellationToken cancellationToken)
    {
        var id = vm.Document.Id;
        var runtime = await driver.GetAsync(id, cancellationToken);
        var mine = claim is not null && claim.Lease == held.Id;
        if (await HandleRequestAsync(resource, vm, service, runtime is not null, cancellationToken))
        {
            return runtime?.Pid;
        }
        if (runtime is not null)
        {
            // Running without a claim (adopted after a restart, or just migrated here): claim it, or it is unfenced.
            if (!mine && !await claims.TryClaimAsync(resource.Sid, vm, claim, node.NodeName, held.Id, cancellationToken))
            {
                return null;
            }
            _armed[id] = resource.Sid;
            lock (_seenRunning)
            {
                _seenRunning.Add(id);
            }
            if (resource.State is HaStates.Stopped or HaStates.Disabled)
            {
                await RequestStopAsync(id, cancellationToken);
                return runtime.Pid;
            }
            if (service?.Document is not { State: HaServiceStates.Started, RunningSince: not null } state || state.Node != node.NodeName)
            {
                // First seen running here since its start or its move (the end of a failover): stamped. Its disk
                // clients are recorded next pass, over the state written now.
                var since = time.GetUtcNow().ToUnixTimeMilliseconds();
                await WriteServiceAsync(resource.Sid, service, s => s with { State = HaServiceStates.Started, Node = node.NodeName, Message = null, RunningSince = since }, cancellationToken);
                return runtime.Pid;
            }
            await RecordClientsAsync(resource.Sid, vm, runtime.Pid, service, cancellationToken);
            return runtime.Pid;
        }
        _storageFenced.TryRemove(id, out _);
        bool crashed;
        lock (_seenRunning)
        {
            crashed = _seenRunning.Remove(id);
        }
        if (resource.State != HaStates.Started)
        {
            _armed.TryRemove(id, out _);
            if (mine)
            {
                await claims.ReleaseAsync(resource.Sid, claim!, cancellationToken);
            }
            if (service?.Document.State != HaServiceStates.Stopped)
            {
                await WriteServiceAsync(resource.Sid, service, s => s with { State = HaServiceStates.Stopped, Node = node.NodeName, Restarts = 0, Message = null, RunningSince = null }, cancellationToken);
            }
            return null;
        }
        if (vm.Document.Lock is not null || service?.Document.State is HaServiceStates.Relocate or HaServiceStates.Error)
        {
            // An operation holds the VM (it finishes first), or the cluster manager decides where it goes next.
            return null;
        }
        var restarts = service?.Document.Restarts ?? 0;
        if (crashed)
        {
            if (restarts >= resource.MaxRestart)
            {
                await GiveUpHereAsync(resource, service, claim, mine, restarts, cancellationToken);
                return null;
            }
            restarts++;
            LogRestarting(logger, id, restarts, resource.MaxRestart);
        }
        if (!mine && !await claims.TryClaimAsync(resource.Sid, vm, claim, node.NodeName, held.Id, cancellationToken))
        {
            return null;
        }
        _armed[id] = resource.Sid;
        await WriteServiceAsync(resource.Sid, service, s => s with { State = HaServiceStates.Started, Node = node.NodeName, Restarts = restarts, Message = null, RunningSince = null }, cancellationToken);
        try
        {
            await vmService.StartAsync(id, skipLock: false, User, byHaManager: true, cancellationToken);
        }
        catch (Exception e) when (e is VmLockedException or VmStateException)
        {
            // Already starting (a task holds it) or refused for now (maintenance): the next pass looks again.
            LogStartDeferred(logger, id, e.Message);
        }
        // Armed already; the guard learns its pid next pass, once QEMU runs.
        return null;
    }

    /// <summary>Restarts in place are exhausted: the claim goes and the cluster manager relocates the VM.</summary>
    private async Task GiveUpHereAsync(HaResourceDocument resource, VersionedDocument<HaServiceState>? service, StoreEntry? claim, bool mine, int restarts, CancellationToken cancellationToken)
    {
        _armed.TryRemove(new VmId(resource.VmId), out _);
        if (mine)
        {
            await claims.ReleaseAsync(resource.Sid, claim!, cancellationToken);
        }
        var failed = (service?.Document.FailedNodes ?? []).Append(node.NodeName).Distinct(StringComparer.Ordinal).ToList();
        var message = $"stopped {restarts + 1} time(s) on node '{node.NodeName}' (max_restart {resource.MaxRestart}): relocating";
        await WriteServiceAsync(resource.Sid, service, s => s with { State = HaServiceStates.Relocate, Node = node.NodeName, FailedNodes = failed, Message = message }, cancellationToken);
        LogRelocationRequested(logger, new VmId(resource.VmId), restarts);
    }

    private async Task RequestStopAsync(VmId id, CancellationToken cancellationToken)
    {
        try
        {
            await vmService.ShutdownAsync(id, StopTimeout, forceStop: true, skipLock: false, User, byHaManager: true, cancellationToken);
            LogStopping(logger, id);
        }
        catch (Exception e) when (e is VmLockedException or VmStateException)
        {
            LogStartDeferred(logger, id, e.Message);
        }
    }

    private Task WriteServiceAsync(string sid, VersionedDocument<HaServiceState>? current, Func<HaServiceState, HaServiceState> change, CancellationToken cancellationToken) =>
        ha.WriteServiceAsync(sid, current, change, time.GetUtcNow(), cancellationToken);

    /// <summary>The fence guard learns the QEMU pid of every armed VM that runs (one being started is armed next pass).</summary>
    private async Task SyncGuardAsync(IReadOnlyDictionary<VmId, Guard.GuardedVm> running, CancellationToken cancellationToken)
    {
        try
        {
            await guard.SyncAsync(running, cancellationToken);
        }
        catch (Exception e) when (e is CordouanException or IOException or System.Net.Sockets.SocketException)
        {
            LogGuardFailed(logger, e.Message);
        }
    }

    private async Task ReportModeAsync(CancellationToken cancellationToken)
    {
        var mode = _armed.IsEmpty ? HaLrmModes.Idle : HaLrmModes.Active;
        if (mode == _lastMode)
        {
            return;
        }
        await ha.Lrms.PutAsync(node.NodeName, new HaLrmStatus { Mode = mode, Timestamp = time.GetUtcNow().ToUnixTimeSeconds() }, cancellationToken);
        _lastMode = mode;
    }
}
