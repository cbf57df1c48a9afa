using System.Globalization;
using Cordouan.Core;
using Cordouan.Core.Errors;
using Cordouan.Core.Ids;
using Cordouan.Node.Tasks;

namespace Cordouan.Node.Vms.Migration;

public sealed partial class VmMigrator
{
    private const double MiB = 1024 * 1024;

    /// <summary>Slowest average rate a copy may fall to before it is given up (on top of a fixed allowance).</summary>
    private const double SlowestBytesPerSecond = MiB;

    private static readonly TimeSpan CopyAllowance = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan CleanupTimeout = TimeSpan.FromSeconds(60);

    /// <summary>The <c>qmigrate</c> task: copy, switch ownership in one transaction, free the source copies.</summary>
    private async Task RunAsync(VmId id, MigrationPlan plan, MigrationRequest request, TaskContext ctx)
    {
        var ct = ctx.CancellationToken;
        var started = time.GetTimestamp();
        var target = plan.Target;
        ctx.Log($"starting migration of VM {id} to node '{target}'");
        if (request.Online)
        {
            ctx.Log($"VM {id} is not running: doing an offline migration instead");
        }
        await using (var undo = new Reverter())
        {
            undo.Push(async () =>
            {
                try
                {
                    await ReleaseLockAsync(id);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    ctx.Warn($"could not clear the '{LockName}' lock of VM {id}: {e.Message} (PUT …/config delete=lock clears it)");
                }
            });
            try
            {
                long copied = 0;
                foreach (var copy in plan.Copies)
                {
                    copied += await CopyAsync(copy, plan, request, undo, ctx);
                }
                if (plan.Copies.Count > 0)
                {
                    var seconds = time.GetElapsedTime(started).TotalSeconds;
                    ctx.Log(Invariant($"copied {plan.Copies.Count} local volume(s), {copied / MiB:0.0} MiB in {seconds:0.0} s ({Rate(copied, seconds)})"));
                }
                foreach (var volume in plan.SharedVolumes)
                {
                    ctx.Log($"volume '{volume}' is on shared storage: nothing to copy");
                }
                await SwitchOwnerAsync(id, plan, ctx);
                undo.Commit();
            }
            catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
            {
                ctx.Log($"migration aborted, VM {id} stays on node '{node.NodeName}': {e.Message}");
                LogAborted(logger, id, node.NodeName, target, e.Message);
                throw;
            }
        }
        await FreeSourceCopiesAsync(plan, ctx);
        var duration = time.GetElapsedTime(started);
        ctx.Log(Invariant($"migration finished successfully (duration {duration:hh\\:mm\\:ss}, {duration.TotalSeconds:0.0} s)"));
        LogMigrated(logger, id, node.NodeName, target, duration.TotalSeconds);
    }

    /// <summary>Streams one volume; once the target holds it, taking it back is pushed on <paramref name="undo"/>. Returns the bytes sent.</summary>
    private async Task<long> CopyAsync(VolumeCopy copy, MigrationPlan plan, MigrationRequest request, Reverter undo, TaskContext ctx)
    {
        var path = copy.SourcePlugin.PathOf(copy.SourceStorage, copy.Source.Name);
        var limiter = BandwidthLimiter.FromKiBps(request.BandwidthLimitKiBps);
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await using var stream = new TransferStream(file, limiter, time,
            (done, elapsed) => ctx.Log(Invariant($"{copy.Source}: {done / MiB:0.0} of {file.Length / MiB:0.0} MiB ({Rate(done, elapsed.TotalSeconds)})")));
        var length = file.Length;
        var limit = limiter is null ? "" : Invariant($", limited to {limiter.BytesPerSecond / MiB:0.#} MiB/s");
        ctx.Log(Invariant($"copying {copy.Reference.Key} '{copy.Source}' to node '{plan.Target}' as '{copy.Target}' ({length / MiB:0.0} MiB{limit})"));
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ctx.CancellationToken);
        var slowest = Math.Min(SlowestBytesPerSecond, (limiter?.BytesPerSecond ?? long.MaxValue) / 2.0);
        var allowed = CopyAllowance + TimeSpan.FromSeconds(length / slowest);
        deadline.CancelAfter(allowed);
        var started = time.GetTimestamp();
        ReceivedVolume received;
        try
        {
            received = await transfer.SendAsync(plan.Target, copy.Target, stream, length, deadline.Token);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !ctx.CancellationToken.IsCancellationRequested)
        {
            throw new CordouanException(Invariant($"copy of '{copy.Source}' to node '{plan.Target}' did not finish within {allowed.TotalMinutes:0} min"));
        }
        undo.Push(() => DeleteOnTargetAsync(plan.Target, copy.Target, ctx));
        if (received.Bytes != length || received.Sha256 != stream.Sha256)
        {
            throw new CordouanException($"copy of '{copy.Source}' to node '{plan.Target}' is corrupt: sent {length} bytes sha256 {stream.Sha256}, received {received.Bytes} bytes sha256 {received.Sha256}");
        }
        var seconds = time.GetElapsedTime(started).TotalSeconds;
        ctx.Log(Invariant($"copied '{copy.Source}': {length / MiB:0.0} MiB in {seconds:0.0} s ({Rate(length, seconds)}), sha256 verified"));
        return length;
    }

    /// <summary>
    /// One compare-and-swap on the VM document: owner → target, lock cleared, volumes renamed if storages were mapped.
    /// An error whose outcome is unknown (the write may have landed) is settled by reading the document again.
    /// </summary>
    private async Task SwitchOwnerAsync(VmId id, MigrationPlan plan, TaskContext ctx)
    {
        var renames = plan.Renames;
        try
        {
            await vms.MutateAsync(id, doc => doc.Lock == LockName && doc.Owner == node.NodeName
                ? MigrationVolumes.Remap(doc, renames) with { Owner = plan.Target, Lock = null }
                : throw new VmLockedException(doc.Lock ?? "none"), ctx.CancellationToken);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            using var timeout = new CancellationTokenSource(CleanupTimeout);
            if ((await vms.FindAsync(id, timeout.Token))?.Document.Owner != plan.Target)
            {
                throw;
            }
            ctx.Log($"the ownership switch reported '{e.Message}' but node '{plan.Target}' owns VM {id}: it went through");
        }
        ctx.Log($"VM {id} is now owned by node '{plan.Target}'");
    }

    private async Task DeleteOnTargetAsync(string target, VolumeId volume, TaskContext ctx)
    {
        using var timeout = new CancellationTokenSource(CleanupTimeout);
        try
        {
            await transfer.DeleteAsync(target, volume, timeout.Token);
            ctx.Log($"removed '{volume}' from node '{target}'");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            ctx.Warn($"could not remove '{volume}' from node '{target}': {e.Message}");
        }
    }

    /// <summary>After the switch the source copies are garbage: failing to free one is a warning, never a failed migration.</summary>
    private async Task FreeSourceCopiesAsync(MigrationPlan plan, TaskContext ctx)
    {
        foreach (var copy in plan.Copies)
        {
            using var timeout = new CancellationTokenSource(CleanupTimeout);
            try
            {
                await copy.SourcePlugin.FreeAsync(copy.SourceStorage, copy.Source.Name, timeout.Token);
                ctx.Log($"removed source volume '{copy.Source}'");
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                ctx.Warn($"could not remove source volume '{copy.Source}' on node '{node.NodeName}': {e.Message}");
            }
        }
    }

    private static string Rate(long bytes, double seconds) => seconds <= 0 ? "n/a" : Invariant($"{bytes / MiB / seconds:0.0} MiB/s");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
