using Cordouan.Core.Errors;
using Cordouan.Core.Ids;
using Cordouan.Core.Tasks;
using Cordouan.Node.Tasks;

namespace Cordouan.Node.Guests;

public sealed partial class NodeGuests
{
    /// <summary>
    /// Starts a <c>stopall</c> task: every VM of this node (HA-managed ones only when named in <paramref name="only"/>),
    /// by descending <c>startup</c> order, each shut down within its <c>down</c> (else <paramref name="timeoutSeconds"/>)
    /// and then, with <paramref name="forceStop"/>, stopped. An order group is down before the next one begins.
    /// </summary>
    public Task<Upid> StopAllAsync(IReadOnlySet<VmId>? only, int timeoutSeconds, bool forceStop, int maxWorkers, string user, CancellationToken cancellationToken) =>
        tasks.StartAsync(StopAllTaskType, "", user, ctx => StopAllBodyAsync(only, timeoutSeconds, forceStop, maxWorkers, user, ctx), cancellationToken);

    private async Task StopAllBodyAsync(IReadOnlySet<VmId>? only, int timeoutSeconds, bool forceStop, int maxWorkers, string user, TaskContext ctx)
    {
        var ct = ctx.CancellationToken;
        var groups = GuestPlan.ForStop(await CandidatesAsync(ct), only);
        foreach (var group in groups)
        {
            var workers = new List<Worker>();
            foreach (var entry in group)
            {
                try
                {
                    if (!await IsRunningAsync(entry.VmId, ct))
                    {
                        continue;
                    }
                    var timeout = entry.Startup.Down ?? timeoutSeconds;
                    ctx.Log($"Stopping VM {entry.VmId} (timeout = {timeout} seconds)");
                    var upid = await vmService.ShutdownAsync(entry.VmId, TimeSpan.FromSeconds(timeout), forceStop, skipLock: false, user, ct);
                    workers.Add(Track(entry.VmId, upid, ct));
                    while (workers.Count >= maxWorkers)
                    {
                        ReportStop(ctx, await WaitForAnyAsync(workers, ct));
                    }
                }
                catch (CordouanException e) when (e is not QuorumLostException)
                {
                    ctx.Warn(Reason(e));
                }
            }
            while (workers.Count > 0)
            {
                ReportStop(ctx, await WaitForAnyAsync(workers, ct));
            }
        }
        LogAllStopped(logger, node.NodeName);
    }

    private static void ReportStop(TaskContext ctx, (Worker Worker, string Exit) finished)
    {
        if (IsError(finished.Exit))
        {
            ctx.Warn($"Stopping VM {finished.Worker.VmId} failed: {finished.Exit}");
        }
    }
}
