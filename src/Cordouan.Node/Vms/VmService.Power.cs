using Cordouan.Core.Errors;
using Cordouan.Core.Ids;
using Cordouan.Core.Tasks;
using Cordouan.Core.Vms;
using Cordouan.Node.Tasks;

namespace Cordouan.Node.Vms;

public sealed partial class VmService
{
    public Task<Upid> StartAsync(VmId id, bool skipLock, string user, CancellationToken cancellationToken) =>
        StartAsync(id, skipLock, user, byHaManager: false, cancellationToken);

    /// <summary>A start; <paramref name="byHaManager"/> when the HA local manager does it (its request stays as it is).</summary>
    internal async Task<Upid> StartAsync(VmId id, bool skipLock, string user, bool byHaManager, CancellationToken cancellationToken)
    {
        var vm = await vms.GetOwnedAsync(id, cancellationToken);
        EnsureUnlocked(vm, skipLock);
        if (vm.Document.IsTemplate)
        {
            throw new VmStateException("you can't start a vm if it's a template");
        }
        await EnsurePlacementAllowedAsync(reason => new VmStateException($"can't start VM {id}: {reason}; migrate it to another node and start it there"), cancellationToken);
        if (!byHaManager)
        {
            await RequestHaStateAsync(id, Ha.HaStates.Started, cancellationToken);
        }
        return await StartVmTaskAsync(id, "qmstart", user, async ctx =>
        {
            if (await driver.GetAsync(id, ctx.CancellationToken) is not null)
            {
                throw new VmStateException($"VM {id} already running");
            }
            var current = await vms.GetOwnedAsync(id, ctx.CancellationToken);
            await StartProcessAsync(current.Document, ctx);
        }, cancellationToken);
    }

    private async Task StartProcessAsync(VmDocument vm, TaskContext ctx)
    {
        vm = await WriteCloudInitAsync(vm, ctx);
        var spec = await launchSpecs.BuildAsync(vm, ctx.CancellationToken);
        ctx.Log($"starting VM {vm.VmId} ({spec.MemoryMiB} MiB, {spec.Sockets * spec.Cores} vCPU, {spec.Drives.Count} drive(s))");
        var info = await driver.StartAsync(spec, ctx.CancellationToken);
        ctx.Log($"VM {vm.VmId} started with pid {info.Pid}");
        LogVmStarted(logger, vm.Id, NodeName, info.Pid);
    }

    public async Task<Upid> StopAsync(VmId id, bool skipLock, string user, CancellationToken cancellationToken)
    {
        var vm = await vms.GetOwnedAsync(id, cancellationToken);
        EnsureUnlocked(vm, skipLock);
        await RequestHaStateAsync(id, Ha.HaStates.Stopped, cancellationToken);
        return await StartVmTaskAsync(id, "qmstop", user, async ctx =>
        {
            await driver.StopAsync(id, options.StopTimeout, ctx.CancellationToken);
            ctx.Log($"VM {id} stopped");
            LogVmStopped(logger, id, NodeName);
        }, cancellationToken);
    }

    public Task<Upid> ShutdownAsync(VmId id, TimeSpan timeout, bool forceStop, bool skipLock, string user, CancellationToken cancellationToken) =>
        ShutdownAsync(id, timeout, forceStop, skipLock, user, byHaManager: false, cancellationToken);

    /// <summary>A shutdown; <paramref name="byHaManager"/> when the HA local manager does it (a relocation: the VM stays requested started).</summary>
    internal async Task<Upid> ShutdownAsync(VmId id, TimeSpan timeout, bool forceStop, bool skipLock, string user, bool byHaManager, CancellationToken cancellationToken)
    {
        var vm = await vms.GetOwnedAsync(id, cancellationToken);
        EnsureUnlocked(vm, skipLock);
        if (!byHaManager)
        {
            await RequestHaStateAsync(id, Ha.HaStates.Stopped, cancellationToken);
        }
        return await StartVmTaskAsync(id, "qmshutdown", user, ctx => ShutdownProcessAsync(id, timeout, forceStop, ctx), cancellationToken);
    }

    private async Task ShutdownProcessAsync(VmId id, TimeSpan timeout, bool forceStop, TaskContext ctx)
    {
        if (await driver.GetAsync(id, ctx.CancellationToken) is null)
        {
            ctx.Log($"VM {id} is not running");
            return;
        }
        ctx.Log($"requesting ACPI shutdown of VM {id} (timeout {timeout.TotalSeconds:0} s)");
        if (await driver.ShutdownAsync(id, timeout, ctx.CancellationToken))
        {
            ctx.Log($"VM {id} shut down");
            LogVmStopped(logger, id, NodeName);
            return;
        }
        if (!forceStop)
        {
            throw new VmStateException("VM quit/powerdown failed - got timeout");
        }
        ctx.Warn("VM quit/powerdown failed - terminating now");
        await driver.StopAsync(id, options.StopTimeout, ctx.CancellationToken);
        LogVmStopped(logger, id, NodeName);
    }

    /// <summary>
    /// A user's start or stop of an HA-managed VM is also its new requested state (as Proxmox does), so the local
    /// manager does not undo it. The manager's own stops are of VMs already requested stopped: nothing changes then.
    /// </summary>
    private async Task RequestHaStateAsync(VmId id, string state, CancellationToken cancellationToken)
    {
        var resource = await haConfig.Resources.FindAsync(Ha.HaResourceDocument.SidOf(id.Value), cancellationToken);
        if (resource is null || resource.Document.State == state || resource.Document.State == Ha.HaStates.Ignored)
        {
            return;
        }
        await haConfig.Resources.UpdateAsync(resource, resource.Document with { State = state }, cancellationToken);
        LogHaRequest(logger, id, state);
    }

    public async Task<Upid> RebootAsync(VmId id, TimeSpan timeout, string user, CancellationToken cancellationToken)
    {
        var vm = await vms.GetOwnedAsync(id, cancellationToken);
        EnsureUnlocked(vm, skipLock: false);
        await EnsureRunningAsync(id, cancellationToken);
        return await StartVmTaskAsync(id, "qmreboot", user, async ctx =>
        {
            await ShutdownProcessAsync(id, timeout, forceStop: true, ctx);
            var current = await vms.GetOwnedAsync(id, ctx.CancellationToken);
            await StartProcessAsync(current.Document, ctx);
        }, cancellationToken);
    }

    public Task<Upid> ResetAsync(VmId id, bool skipLock, string user, CancellationToken cancellationToken) =>
        SimpleRunningOpAsync(id, "qmreset", skipLock, user, (ct) => driver.ResetAsync(id, ct), "reset", cancellationToken);

    public Task<Upid> SuspendAsync(VmId id, bool toDisk, bool skipLock, string user, CancellationToken cancellationToken)
    {
        if (toDisk)
        {
            throw new ValidationException("todisk", "suspend to disk is not supported yet; use todisk=0 (pause)");
        }
        return SimpleRunningOpAsync(id, "qmpause", skipLock, user, (ct) => driver.PauseAsync(id, ct), "paused", cancellationToken);
    }

    public Task<Upid> ResumeAsync(VmId id, bool skipLock, string user, CancellationToken cancellationToken) =>
        SimpleRunningOpAsync(id, "qmresume", skipLock, user, (ct) => driver.ResumeAsync(id, ct), "resumed", cancellationToken);

    private async Task<Upid> SimpleRunningOpAsync(VmId id, string type, bool skipLock, string user, Func<CancellationToken, Task> op, string done, CancellationToken cancellationToken)
    {
        var vm = await vms.GetOwnedAsync(id, cancellationToken);
        EnsureUnlocked(vm, skipLock);
        await EnsureRunningAsync(id, cancellationToken);
        return await StartVmTaskAsync(id, type, user, async ctx =>
        {
            await op(ctx.CancellationToken);
            ctx.Log($"VM {id} {done}");
        }, cancellationToken);
    }

    /// <summary>The VM's config and its live state (null when no process runs).</summary>
    public async Task<(VersionedVm Vm, VmRuntimeInfo? Runtime)> GetStatusAsync(VmId id, CancellationToken cancellationToken)
    {
        var vm = await vms.GetOwnedAsync(id, cancellationToken);
        return (vm, await driver.GetAsync(id, cancellationToken));
    }

    /// <summary>Live state of every VM this node owns.</summary>
    public async Task<IReadOnlyList<(VersionedVm Vm, VmRuntimeInfo? Runtime)>> ListOwnedAsync(CancellationToken cancellationToken)
    {
        var result = new List<(VersionedVm, VmRuntimeInfo?)>();
        foreach (var vm in await readModel.ListAsync(cancellationToken))
        {
            if (vm.Document.Owner == NodeName)
            {
                result.Add((vm, await driver.GetAsync(vm.Document.Id, cancellationToken)));
            }
        }
        return result;
    }
}
