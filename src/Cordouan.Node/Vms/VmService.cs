using Cordouan.Core.Errors;
using Cordouan.Core.Ids;
using Cordouan.Core.Network;
using Cordouan.Core.Tasks;
using Cordouan.Core.Vms;
using Cordouan.Node.Ha;
using Cordouan.Node.Hosting;
using Cordouan.Node.Maintenance;
using Cordouan.Node.Storage;
using Cordouan.Node.Tasks;
using Microsoft.Extensions.Logging;

namespace Cordouan.Node.Vms;

/// <summary>
/// The VM use cases of the node agent (create, configure, power, snapshot, clone, delete). Each long operation is a task;
/// checks that clients expect as immediate errors (unknown VM, lock held, not running) run before the task starts.
/// Split by concern into partial files.
/// </summary>
public sealed partial class VmService(
    VmRepository vms,
    VmReadModel readModel,
    StorageRegistry storages,
    IVmDriver driver,
    IHostNetwork network,
    TaskManager tasks,
    VmOperationLocks operations,
    LaunchSpecBuilder launchSpecs,
    CloudInit.CloudInitDrives cloudInit,
    MaintenanceGuard maintenance,
    HaConfigRepository haConfig,
    NodeIdentity node,
    NodeOptions options,
    TimeProvider time,
    ILogger<VmService> logger)
{
    private string NodeName => node.NodeName;

    /// <summary>Starts a task that holds the VM's operation lock for its whole run.</summary>
    private async Task<Upid> StartVmTaskAsync(VmId id, string type, string user, Func<TaskContext, Task> body, CancellationToken cancellationToken)
    {
        var held = operations.Enter(id, type);
        try
        {
            return await tasks.StartAsync(type, id.ToString(), user, async ctx =>
            {
                using (held)
                {
                    await body(ctx);
                }
            }, cancellationToken);
        }
        catch
        {
            held.Dispose();
            throw;
        }
    }

    private static void EnsureUnlocked(VersionedVm vm, bool skipLock)
    {
        if (vm.Document.Lock is { } held && !skipLock)
        {
            throw new VmLockedException(held);
        }
    }

    /// <summary>A node in maintenance takes no new VMs: refuses with the exception <paramref name="refuse"/> builds from the reason.</summary>
    private async Task EnsurePlacementAllowedAsync(Func<string, Exception> refuse, CancellationToken cancellationToken)
    {
        if (await maintenance.PlacementRefusalAsync(cancellationToken) is { } refusal)
        {
            throw refuse(refusal);
        }
    }

    private async Task EnsureRunningAsync(VmId id, CancellationToken cancellationToken)
    {
        if (await driver.GetAsync(id, cancellationToken) is null)
        {
            throw new VmStateException($"VM {id} not running");
        }
    }

    /// <summary>Sets (or clears, with null) the persistent lock with a compare-and-swap.</summary>
    private Task<VersionedVm> SetLockAsync(VmId id, string? expected, string? next, CancellationToken cancellationToken) =>
        vms.MutateAsync(id, doc => doc.Lock == expected || (expected is null && doc.Lock is null)
            ? doc with { Lock = next }
            : throw new VmLockedException(doc.Lock ?? "none"), cancellationToken);

    /// <summary>Clears a lock on the way out of a task even when the task's own token is cancelled.</summary>
    private async Task ReleaseLockAsync(VmId id, string lockName)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await vms.MutateAsync(id, doc => doc.Lock == lockName ? doc with { Lock = null } : doc, timeout.Token);
        }
        catch (VmNotFoundException)
        {
            // The VM went away with the operation (e.g. failed create); nothing to unlock.
        }
    }

    [LoggerMessage(EventId = 3100, Level = LogLevel.Information, Message = "VM {VmId} started on {Node} (pid {Pid})")]
    private static partial void LogVmStarted(ILogger logger, VmId vmId, string node, int pid);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "VM {VmId} stopped on {Node}")]
    private static partial void LogVmStopped(ILogger logger, VmId vmId, string node);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Information, Message = "VM {VmId} created on {Node}")]
    private static partial void LogVmCreated(ILogger logger, VmId vmId, string node);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Information, Message = "VM {VmId} is HA-managed: its requested state is now {State}")]
    private static partial void LogHaRequest(ILogger logger, VmId vmId, string state);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Information, Message = "VM {VmId} destroyed on {Node}")]
    private static partial void LogVmDestroyed(ILogger logger, VmId vmId, string node);
}
