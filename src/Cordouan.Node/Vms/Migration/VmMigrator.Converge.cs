using Cordouan.Core.Errors;
using Cordouan.Core.Ids;
using Cordouan.Core.Vms.Migration;
using Cordouan.Node.Tasks;
using Cordouan.Node.Vms.Migration.Live;

namespace Cordouan.Node.Vms.Migration;

public sealed partial class VmMigrator
{
    /// <summary>RAM passes after which pre-copy is considered not to converge.</summary>
    internal const int MaxIterations = 30;

    /// <summary>No byte sent for this long means the stream is stuck (network cut, target gone silent).</summary>
    internal static readonly TimeSpan StallTimeout = TimeSpan.FromSeconds(15);

    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan MirrorPoll = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan MigrationWait = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Sends RAM and device state and follows QEMU until it completes (guest paused here). Without convergence after
    /// <see cref="MaxIterations"/> passes it switches to post-copy when allowed, else gives up; a stream that stops
    /// moving for <see cref="StallTimeout"/> is cancelled. Progress is logged every couple of seconds.
    /// </summary>
    private async Task<MigrationProgress> MigrateStateAsync(VmId id, LivePlan live, IncomingOffer offer, LiveProgress progress, TaskContext ctx)
    {
        var settings = live.Settings;
        var limit = settings.BytesPerSecond > 0 ? Invariant($", limited to {settings.BytesPerSecond / MiB:0.#} MiB/s") : "";
        ctx.Log(Invariant($"migrating RAM and device state to {offer.MigrationUri} (max downtime {settings.MaxDowntime.TotalMilliseconds:0} ms{limit}, auto-converge {(settings.AutoConverge ? "on" : "off")}, post-copy {(settings.Postcopy ? "allowed" : "off")})"));
        progress.MigrationStarted = true;
        await migration.StartMigrationAsync(id, offer.MigrationUri, settings, ctx.CancellationToken);
        var lastLog = time.GetTimestamp();
        var lastMove = time.GetTimestamp();
        long lastTransferred = -1;
        var postcopy = false;
        while (true)
        {
            var state = await migration.WaitMigrationAsync(id, MigrationWait, ctx.CancellationToken);
            if (state.IsCompleted)
            {
                ctx.Log(Invariant($"migration completed: {state.TransferredBytes / MiB:0.0} MiB in {state.Total.TotalSeconds:0.0} s, {state.Iterations} pass(es), QEMU downtime {state.Downtime?.TotalMilliseconds ?? 0:0} ms"));
                return state;
            }
            if (state.IsFailed)
            {
                throw new CordouanException($"QEMU reports the migration {state.Status}: {state.Error ?? "no reason given (see the target's qemu.log)"}");
            }
            if (state.TransferredBytes != lastTransferred)
            {
                lastTransferred = state.TransferredBytes;
                lastMove = time.GetTimestamp();
            }
            else if (time.GetElapsedTime(lastMove) > StallTimeout)
            {
                throw new CordouanException(Invariant($"the migration stream to node '{live.Plan.Target}' made no progress for {StallTimeout.TotalSeconds:0} s (network or target down?)"));
            }
            if (time.GetElapsedTime(lastLog) >= ProgressInterval)
            {
                lastLog = time.GetTimestamp();
                ctx.Log(Describe(state));
            }
            if (state.Iterations > MaxIterations && !state.IsPostcopy)
            {
                if (!settings.Postcopy)
                {
                    throw new CordouanException(Invariant($"migration did not converge after {state.Iterations} passes (memory dirtied at {DirtyMiBps(state):0.0} MiB/s, sent at {state.Mbps / 8:0.0} MB/s): allow a longer downtime, a higher bwlimit or post-copy"));
                }
                if (!postcopy)
                {
                    postcopy = true;
                    ctx.Log(Invariant($"no convergence after {state.Iterations} passes: switching to post-copy"));
                    await migration.StartPostcopyAsync(id, ctx.CancellationToken);
                }
            }
        }
    }

    private static string Describe(MigrationProgress state) => Invariant(
        $"migration {state.Status}, transferred {state.TransferredBytes / MiB:0.0} MiB of {state.TotalBytes / MiB:0.0} MiB VM-state, remaining {state.RemainingBytes / MiB:0.0} MiB, dirty rate {DirtyMiBps(state):0.0} MiB/s, pass {state.Iterations}, {state.Mbps:0} Mbit/s, expected downtime {state.ExpectedDowntime?.TotalMilliseconds ?? 0:0} ms");

    private static double DirtyMiBps(MigrationProgress state) => state.DirtyPagesPerSecond * (double)state.PageSize / MiB;
}
