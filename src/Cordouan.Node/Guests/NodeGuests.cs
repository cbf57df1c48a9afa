using Cordouan.Core.Errors;
using Cordouan.Core.Ids;
using Cordouan.Core.Tasks;
using Cordouan.Core.Vms;
using Cordouan.Node.Cluster;
using Cordouan.Node.Ha;
using Cordouan.Node.Hosting;
using Cordouan.Node.Tasks;
using Cordouan.Node.Vms;
using Cordouan.Node.Vms.Migration;
using Microsoft.Extensions.Logging;

namespace Cordouan.Node.Guests;

/// <summary>
/// Proxmox's bulk guest actions of one node: <c>startall</c> (at boot for the VMs marked <c>onboot</c>, in
/// <c>startup</c> order), <c>stopall</c> (at host shutdown, in reverse order, each within its <c>down</c> timeout, then
/// stopped) and <c>migrateall</c>. Each is a task of that type whose log tells VM by VM what happened; every VM's
/// own action is a task of its own (<c>qmstart</c>, <c>qmshutdown</c>, <c>qmigrate</c>), at most <c>max-workers</c>
/// at once. Split by concern: start (<c>.Start.cs</c>), stop (<c>.Stop.cs</c>), migrate (<c>.Migrate.cs</c>),
/// logging (<c>.Log.cs</c>).
/// </summary>
public sealed partial class NodeGuests(
    VmRepository vms,
    VmService vmService,
    VmMigrator migrator,
    HaConfigRepository haConfig,
    IVmDriver driver,
    TaskManager tasks,
    ClusterView cluster,
    NodeIdentity node,
    TimeProvider time,
    ILogger<NodeGuests> logger)
{
    public const string StartAllTaskType = "startall";
    public const string StopAllTaskType = "stopall";
    public const string MigrateAllTaskType = "migrateall";

    /// <summary>Proxmox's shutdown timeout of a VM without <c>down</c> when the caller gives none.</summary>
    public const int DefaultStopTimeoutSeconds = 180;

    /// <summary>Proxmox waits this long after each VM start without <c>up</c>, to spread the load.</summary>
    private const int DefaultStartDelaySeconds = 3;

    /// <summary>
    /// Proxmox's default of <c>max-workers</c> when datacenter.cfg sets none: the host's CPU threads less one, at least
    /// one and at most eight.
    /// </summary>
    public static int DefaultMaxWorkers(int processors) => Math.Min(Math.Max(1, processors - 1), 8);

    /// <summary>The VMs this node owns, with their config and whether the HA manager manages them.</summary>
    private async Task<IReadOnlyList<GuestCandidate>> CandidatesAsync(CancellationToken cancellationToken)
    {
        var managed = (await haConfig.Resources.ListAsync(cancellationToken)).Select(r => r.Document.VmId).ToHashSet();
        return (await vms.ListAsync(cancellationToken))
            .Select(v => v.Document)
            .Where(d => d.Owner == node.NodeName)
            .Select(d => new GuestCandidate(d.Id, d.Config, managed.Contains(d.VmId)))
            .ToList();
    }

    private async Task<bool> IsRunningAsync(VmId id, CancellationToken cancellationToken) =>
        await driver.GetAsync(id, cancellationToken) is not null;

    /// <summary>Waits for one of <paramref name="workers"/> to end, removes it, and returns it with its exit status.</summary>
    private async Task<(Worker Worker, string Exit)> WaitForAnyAsync(List<Worker> workers, CancellationToken cancellationToken)
    {
        var done = await Task.WhenAny(workers.Select(w => w.Finished));
        var worker = workers.First(w => w.Finished == done);
        workers.Remove(worker);
        await done;
        var exit = (await tasks.GetAsync(worker.Upid.ToString(), cancellationToken)).ExitStatus ?? "unknown";
        return (worker, exit);
    }

    private Worker Track(VmId id, Upid upid, CancellationToken cancellationToken) =>
        new(id, upid, tasks.WaitAsync(upid, cancellationToken));

    /// <summary>Proxmox's <c>upid_status_is_error</c>: anything but OK and warnings.</summary>
    private static bool IsError(string exit) => exit != "OK" && !exit.StartsWith("WARNINGS", StringComparison.Ordinal);

    private static string Reason(Exception e) =>
        e is ValidationException v ? string.Join("; ", v.Errors.Select(p => $"{p.Key}: {p.Value}")) : e.Message;

    private sealed record Worker(VmId VmId, Upid Upid, Task Finished);
}
