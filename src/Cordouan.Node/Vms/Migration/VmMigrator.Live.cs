using Cordouan.Core.Errors;
using Cordouan.Core.Ids;
using Cordouan.Core.Vms;
using Cordouan.Core.Vms.Migration;
using Cordouan.Node.Tasks;
using Cordouan.Node.Vms.Migration.Live;

namespace Cordouan.Node.Vms.Migration;

public sealed partial class VmMigrator
{
    private static readonly TimeSpan StopSourceTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Short: a target that does not answer settles by itself from etcd (the lock is cleared right after).</summary>
    private static readonly TimeSpan PeerAbortTimeout = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan LockReleaseTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The live <c>qmigrate</c> task. Order: the target starts the VM paused and waiting; local disks are mirrored until
    /// in sync; RAM and device state follow; once QEMU reports completion (the guest is paused here) the mirrors end,
    /// one compare-and-swap moves ownership (the commit point), the target resumes, and this QEMU quits. Before the
    /// commit any failure resumes the guest here and takes the target's QEMU and disks back.
    /// </summary>
    private async Task RunLiveAsync(VmId id, LivePlan live, MigrationRequest request, TaskContext ctx)
    {
        var started = time.GetTimestamp();
        var target = live.Plan.Target;
        var progress = new LiveProgress();
        ctx.Log($"starting online migration of VM {id} to node '{target}'");
        foreach (var volume in live.Plan.SharedVolumes)
        {
            ctx.Log($"volume '{volume}' is on shared storage: nothing to copy");
        }
        MigrationProgress completed;
        long observedAt;
        try
        {
            var offer = await PrepareTargetAsync(id, live, progress, ctx);
            if (live.Mirrors.Count > 0)
            {
                await MirrorDisksAsync(id, live, offer, progress, ctx);
            }
            completed = await MigrateStateAsync(id, live, offer, progress, ctx);
            observedAt = time.GetTimestamp();
            if (live.Mirrors.Count > 0)
            {
                await migration.EndMirrorsAsync(id, [.. live.Mirrors.Select(m => m.Drive)], ctx.CancellationToken);
                progress.MirrorsEnded = true;
                ctx.Log(Invariant($"drive mirrors completed ({time.GetElapsedTime(observedAt).TotalMilliseconds:0} ms)"));
            }
            var switching = time.GetTimestamp();
            await SwitchOwnerAsync(id, live.Plan, ctx);
            ctx.Log(Invariant($"ownership switched in {time.GetElapsedTime(switching).TotalMilliseconds:0} ms"));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The reason goes to the log first: a rollback step may wait (e.g. for etcd without quorum) before the end.
            var reason = e is OperationCanceledException ? "the task was cancelled" : e.Message;
            ctx.Log($"migration failed: {reason}; rolling back");
            await RollBackLiveAsync(id, target, progress, ctx);
            ctx.Log($"migration aborted, VM {id} keeps running on node '{node.NodeName}': {reason}");
            LogAborted(logger, id, node.NodeName, target, reason);
            throw;
        }
        await ResumeTargetAsync(id, target, ctx);
        // QEMU counts from pausing the guest here to sending the last byte; the guest runs again only once resumed there.
        var handover = time.GetElapsedTime(observedAt);
        var downtime = (completed.Downtime ?? TimeSpan.Zero) + handover;
        await StopSourceAsync(id, ctx);
        await FreeSourceCopiesAsync(live.Plan, ctx);
        var duration = time.GetElapsedTime(started);
        ctx.Record("downtime_ms", Math.Round(downtime.TotalMilliseconds));
        ctx.Record("qemu_downtime_ms", completed.Downtime?.TotalMilliseconds ?? 0);
        ctx.Record("duration_ms", Math.Round(duration.TotalMilliseconds));
        ctx.Record("transferred_bytes", completed.TransferredBytes);
        ctx.Record("passes", completed.Iterations);
        MigrationMetrics.Record(downtime, duration);
        ctx.Log(Invariant($"downtime {downtime.TotalMilliseconds:0} ms (QEMU {completed.Downtime?.TotalMilliseconds ?? 0:0} ms + handover {handover.TotalMilliseconds:0} ms)"));
        ctx.Log(Invariant($"migration finished successfully (duration {duration:hh\\:mm\\:ss}, {duration.TotalSeconds:0.0} s)"));
        LogMigratedLive(logger, id, node.NodeName, target, duration.TotalSeconds, downtime.TotalMilliseconds);
    }

    private async Task<IncomingOffer> PrepareTargetAsync(VmId id, LivePlan live, LiveProgress progress, TaskContext ctx)
    {
        var mirrors = live.Mirrors.Select(m => new MirrorVolume(m.Drive, m.Copy.Target.ToString(), m.SizeBytes, m.Format)).ToList();
        var renames = live.Plan.Renames.Select(r => new VolumeRename(r.Key.ToString(), r.Value.ToString())).ToList();
        progress.TargetPrepared = true;
        var started = time.GetTimestamp();
        var offer = await peer.PrepareAsync(live.Plan.Target, new IncomingRequest(id.Value, node.NodeName, mirrors, renames), ctx.CancellationToken);
        ctx.Log(Invariant($"VM {id} waits on node '{live.Plan.Target}' for the migration stream at {offer.MigrationUri} (ready in {time.GetElapsedTime(started).TotalMilliseconds:0} ms)"));
        return offer;
    }

    /// <summary>Starts one mirror per local disk and waits until every one is in sync (writes are mirrored from then on).</summary>
    private async Task MirrorDisksAsync(VmId id, LivePlan live, IncomingOffer offer, LiveProgress progress, TaskContext ctx)
    {
        var host = offer.NbdHost ?? throw new CordouanException($"node '{live.Plan.Target}' offered no NBD server for the disk mirrors");
        var total = live.Mirrors.Sum(m => m.SizeBytes);
        progress.MirrorsStarted = true;
        foreach (var mirror in live.Mirrors)
        {
            ctx.Log(Invariant($"mirroring {mirror.Drive} '{mirror.Copy.Source}' ({mirror.SizeBytes / MiB:0.0} MiB) to '{mirror.Copy.Target}' on node '{live.Plan.Target}'"));
            await migration.StartMirrorAsync(id, mirror.Drive, host, offer.NbdPort, live.Settings.BytesPerSecond, ctx.CancellationToken);
        }
        var slowest = Math.Min(SlowestBytesPerSecond, live.Settings.BytesPerSecond > 0 ? live.Settings.BytesPerSecond / 2.0 : double.MaxValue);
        var allowed = CopyAllowance + TimeSpan.FromSeconds(total / slowest);
        var started = time.GetTimestamp();
        var lastLog = started;
        var lastMove = started;
        long lastCopied = -1;
        while (true)
        {
            var jobs = await migration.QueryMirrorsAsync(id, ctx.CancellationToken);
            var missing = live.Mirrors.Where(m => jobs.All(j => j.DriveId != m.Drive)).Select(m => m.Drive).ToList();
            if (missing.Count > 0)
            {
                throw new CordouanException($"drive mirror of {string.Join(", ", missing)} to node '{live.Plan.Target}' failed (see the target's qemu.log)");
            }
            if (jobs.All(j => j.Ready))
            {
                ctx.Log(Invariant($"all {jobs.Count} drive mirror(s) in sync: {total / MiB:0.0} MiB in {time.GetElapsedTime(started).TotalSeconds:0.0} s"));
                return;
            }
            var copied = jobs.Sum(j => j.Offset);
            if (copied != lastCopied)
            {
                (lastCopied, lastMove) = (copied, time.GetTimestamp());
            }
            else if (time.GetElapsedTime(lastMove) > StallTimeout)
            {
                throw new CordouanException(Invariant($"the drive mirrors to node '{live.Plan.Target}' made no progress for {StallTimeout.TotalSeconds:0} s (network or target down?)"));
            }
            if (time.GetElapsedTime(started) > allowed)
            {
                throw new CordouanException(Invariant($"drive mirrors to node '{live.Plan.Target}' did not get in sync within {allowed.TotalMinutes:0} min"));
            }
            if (time.GetElapsedTime(lastLog) >= ProgressInterval)
            {
                lastLog = time.GetTimestamp();
                foreach (var job in jobs)
                {
                    ctx.Log(Invariant($"{job.DriveId}: transferred {job.Offset / MiB:0.0} MiB of {job.Length / MiB:0.0} MiB ({(job.Length == 0 ? 100 : 100.0 * job.Offset / job.Length):0.0}%){(job.Ready ? ", in sync" : "")}"));
                }
            }
            await Task.Delay(MirrorPoll, time, ctx.CancellationToken);
        }
    }

    /// <summary>Resumes the guest on the target; the target also does it by itself once it sees it owns the VM.</summary>
    private async Task ResumeTargetAsync(VmId id, string target, TaskContext ctx)
    {
        var started = time.GetTimestamp();
        for (var attempt = 1; ; attempt++)
        {
            using var timeout = new CancellationTokenSource(CleanupTimeout);
            try
            {
                await peer.ResumeAsync(target, id, timeout.Token);
                ctx.Log(Invariant($"VM {id} resumed on node '{target}' ({time.GetElapsedTime(started).TotalMilliseconds:0} ms)"));
                return;
            }
            catch (Exception e) when (e is not OutOfMemoryException && attempt < 3)
            {
                ctx.Warn($"resuming VM {id} on node '{target}' failed ({e.Message}): retrying");
                await Task.Delay(TimeSpan.FromMilliseconds(500), time, CancellationToken.None);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                ctx.Warn($"could not resume VM {id} on node '{target}': {e.Message}; node '{target}' owns it and resumes it by itself");
                return;
            }
        }
    }

    /// <summary>After the commit this QEMU holds a stale copy (paused): it goes.</summary>
    private async Task StopSourceAsync(VmId id, TaskContext ctx)
    {
        var started = time.GetTimestamp();
        try
        {
            await driver.StopAsync(id, StopSourceTimeout, CancellationToken.None);
            ctx.Log(Invariant($"stopped the source QEMU of VM {id} on node '{node.NodeName}' ({time.GetElapsedTime(started).TotalMilliseconds:0} ms)"));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            ctx.Warn($"could not stop the source QEMU of VM {id}: {e.Message} (it is paused; the daemon stops it on restart)");
        }
    }

    /// <summary>Undoes a live migration that did not commit: the guest runs here again, the target keeps nothing.</summary>
    private async Task RollBackLiveAsync(VmId id, string target, LiveProgress progress, TaskContext ctx)
    {
        if (progress.MigrationStarted)
        {
            await Quietly(ctx, "cancel the migration", ct => OutgoingMigrationUndo.CancelAsync(migration, id, ct));
        }
        await Quietly(ctx, "resume the guest here", async ct =>
        {
            if (await OutgoingMigrationUndo.ResumeHereAsync(driver, id, ct))
            {
                ctx.Log($"VM {id} resumed on node '{node.NodeName}'");
            }
        });
        if (progress.MirrorsStarted && !progress.MirrorsEnded)
        {
            await Quietly(ctx, "end the drive mirrors", ct => OutgoingMigrationUndo.EndMirrorsAsync(migration, id, ct));
        }
        if (progress.TargetPrepared)
        {
            // If the target cannot be reached it settles by itself once it reads the cleared lock in etcd.
            await Quietly(ctx, $"stop the incoming VM on node '{target}'", ct => peer.AbortAsync(target, id, ct), PeerAbortTimeout);
        }
        // Without quorum this cannot be written: the supervisor clears the lock once etcd answers again (and the
        // target, still waiting, settles when it reads that), so the task still ends with its own reason.
        await Quietly(ctx, $"clear the '{LockName}' lock of VM {id} (the supervisor clears it once etcd answers)", ct => ClearLockAsync(id, ct), LockReleaseTimeout);
    }

    /// <summary>One rollback step, bounded by its own timeout; a failure is a task warning and the next step still runs.</summary>
    private static async Task Quietly(TaskContext ctx, string what, Func<CancellationToken, Task> step, TimeSpan? limit = null)
    {
        var allowed = limit ?? CleanupTimeout;
        using var timeout = new CancellationTokenSource(allowed);
        try
        {
            await step(timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            ctx.Warn(Invariant($"could not {what}: no answer within {allowed.TotalSeconds:0} s"));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            ctx.Warn($"could not {what}: {e.Message}");
        }
    }
}
