using Cordouan.Core.Errors;
using Cordouan.Core.Ids;
using Cordouan.Core.Tasks;
using Cordouan.Node.Tasks;

namespace Cordouan.Node.Guests;

public sealed partial class NodeGuests
{
    /// <summary>
    /// Starts a <c>startall</c> task: the VMs marked <c>onboot</c> (all VMs with <paramref name="force"/>), or only
    /// those of <paramref name="only"/> (HA-managed ones included then), by ascending <c>startup</c> order.
    /// </summary>
    public Task<Upid> StartAllAsync(bool force, IReadOnlySet<VmId>? only, int maxWorkers, string user, CancellationToken cancellationToken) =>
        tasks.StartAsync(StartAllTaskType, "", user, ctx => StartAllBodyAsync(force, only, maxWorkers, user, ctx), cancellationToken);

    /// <summary>
    /// The boot-time start (Proxmox's <c>pve-guests</c> at boot): a <c>startall</c> task of the <c>onboot</c> VMs, or
    /// null without a task when no VM here is marked <c>onboot</c>.
    /// </summary>
    public async Task<Upid?> StartOnBootAsync(string user, CancellationToken cancellationToken)
    {
        if (GuestPlan.ForStart(await CandidatesAsync(cancellationToken), null, onBootOnly: true).Count == 0)
        {
            LogNothingOnBoot(logger, node.NodeName);
            return null;
        }
        var upid = await StartAllAsync(force: false, only: null, DefaultMaxWorkers(Environment.ProcessorCount), user, cancellationToken);
        LogStartingOnBoot(logger, node.NodeName, upid);
        return upid;
    }

    private async Task StartAllBodyAsync(bool force, IReadOnlySet<VmId>? only, int maxWorkers, string user, TaskContext ctx)
    {
        var ct = ctx.CancellationToken;
        var groups = GuestPlan.ForStart(await CandidatesAsync(ct), only, onBootOnly: !force);
        var workers = new List<Worker>();
        foreach (var group in groups)
        {
            foreach (var entry in group)
            {
                try
                {
                    if (await IsRunningAsync(entry.VmId, ct))
                    {
                        continue;
                    }
                    ctx.Log($"Starting VM {entry.VmId}");
                    var upid = await vmService.StartAsync(entry.VmId, skipLock: false, user, ct);
                    workers.Add(Track(entry.VmId, upid, ct));
                    var delay = entry.Startup.Up ?? DefaultStartDelaySeconds;
                    if (delay > 0)
                    {
                        if (entry.Startup.Up is not null)
                        {
                            ctx.Log($"Waiting for {delay} seconds (startup delay)");
                        }
                        await Task.Delay(TimeSpan.FromSeconds(delay), time, ct);
                    }
                    while (workers.Count >= maxWorkers)
                    {
                        ReportStart(ctx, await WaitForAnyAsync(workers, ct));
                    }
                }
                catch (CordouanException e) when (e is not QuorumLostException)
                {
                    ctx.Warn(Reason(e));
                }
            }
            // An order group is finished (every start ended) before the next one begins.
            while (workers.Count > 0)
            {
                ReportStart(ctx, await WaitForAnyAsync(workers, ct));
            }
        }
    }

    private static void ReportStart(TaskContext ctx, (Worker Worker, string Exit) finished)
    {
        if (IsError(finished.Exit))
        {
            ctx.Log($"Starting VM {finished.Worker.VmId} failed: {finished.Exit}");
        }
    }
}
