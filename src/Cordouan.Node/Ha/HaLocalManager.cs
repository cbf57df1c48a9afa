using System.Collections.Concurrent;
using Cordouan.Core.Cluster;
using Cordouan.Core.Errors;
using Cordouan.Core.Ids;
using Cordouan.Core.Vms;
using Cordouan.Node.Hosting;
using Cordouan.Node.Vms;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cordouan.Node.Ha;

/// <summary>
/// The local resource manager (LRM) of one node. Every second it makes the HA VMs this node owns match their requested
/// state: starts them under a claim bound to the node's lease, restarts them in place after a crash up to
/// <c>max_restart</c> times (then asks the cluster manager to relocate them), and stops the ones requested stopped.
/// It fences: the moment the node's lease may have expired it kills every HA VM it runs, before the cluster can
/// have recovered them elsewhere, except storage-fenced ones (see <c>HaLocalManager.StorageFence.cs</c>). VMs that
/// are not HA-managed are never touched.
/// </summary>
public sealed partial class HaLocalManager(
    HaConfigRepository ha,
    HaClaims claims,
    VmRepository vms,
    VmService vmService,
    Vms.Migration.VmMigrator migrator,
    IVmDriver driver,
    NodeLeaseState lease,
    Guard.FenceGuardClient guard,
    HaStorageFence fence,
    NodeIdentity node,
    NodeOptions options,
    TimeProvider time,
    ILogger<HaLocalManager> logger) : BackgroundService
{
    internal const string User = "root@pam";
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan GuardFeedInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>HA VMs this node runs or is starting: what a fence kills. Written by the pass, read by the fence.</summary>
    private readonly ConcurrentDictionary<VmId, string> _armed = new();

    /// <summary>HA VMs seen running by this manager: one found stopped afterwards crashed (or was powered off inside).</summary>
    private readonly HashSet<VmId> _seenRunning = [];

    private long _fencedLease = -1;
    private volatile bool _stopping;
    private string? _lastMode;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Witness)
        {
            return;
        }
        lease.Acquired += Watch;
        if (lease.Current is { } held)
        {
            Watch(held);
        }
        _ = FeedGuardAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(Interval, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (stoppingToken.IsCancellationRequested || lease.Current is not { } current)
            {
                continue;
            }
            using var pass = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, current.Lost);
            try
            {
                await PassAsync(current, pass.Token);
            }
            catch (OperationCanceledException) when (pass.IsCancellationRequested)
            {
                // Stopping, or the lease was lost mid-pass (the fence runs on its own).
            }
            catch (Exception e) when (e is CordouanException or IOException or TimeoutException)
            {
                LogPassFailed(logger, e.Message);
            }
        }
    }

    /// <summary>
    /// A clean daemon stop leaves the VMs running (a restart must not disturb them): the cluster manager is told to
    /// freeze this node's HA VMs rather than recover them when the lease is revoked.
    /// </summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // The liveness service revokes the lease after this: that end is no reason to fence.
        _stopping = true;
        lease.Acquired -= Watch;
        if (!options.Witness && !_armed.IsEmpty)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await ha.Lrms.PutAsync(node.NodeName, new HaLrmStatus { Mode = HaLrmModes.Restart, Timestamp = time.GetUtcNow().ToUnixTimeSeconds() }, timeout.Token);
                await guard.ReleaseAsync(timeout.Token);
                LogFrozenForRestart(logger, _armed.Count);
            }
            catch (Exception e) when (e is CordouanException or IOException or OperationCanceledException)
            {
                // Unmarked, the lease's end looks like a dead node and the VMs would be recovered elsewhere while
                // still running here: never two copies, so they go.
                LogFreezeFailed(logger, e.Message);
                await KillArmedAsync();
            }
        }
        await base.StopAsync(cancellationToken);
    }

    /// <summary>
    /// Tells the fence guard, several times a second, until when the lease is valid and that this daemon still runs: if
    /// it dies or hangs the guard kills the HA VMs at the last deadline it heard, before the cluster may recover them elsewhere.
    /// </summary>
    private async Task FeedGuardAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested && !_stopping)
        {
            await Task.Delay(GuardFeedInterval, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (_stopping)
            {
                continue;
            }
            try
            {
                await guard.FeedAsync(lease.Current?.ValidUntil(), AliveDeadline(), stoppingToken);
            }
            catch (Exception e) when (e is CordouanException or IOException or System.Net.Sockets.SocketException)
            {
                LogGuardFailed(logger, e.Message);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
            }
        }
    }

    private void Watch(HeldLease held)
    {
        Interlocked.Exchange(ref _leaseAcquiredAt, time.GetTimestamp());
        held.Lost.Register(() => _ = FenceAsync(held));
    }

    /// <summary>
    /// Kills every HA VM of this node that is not storage-fenced: the lease may be gone, so the cluster may start them
    /// elsewhere. Storage-fenced ones keep running while the storage's blocklist is watched.
    /// </summary>
    private async Task FenceAsync(HeldLease lost)
    {
        if (_stopping || Interlocked.Exchange(ref _fencedLease, lost.Id) == lost.Id)
        {
            return;
        }
        if (_armed.IsEmpty)
        {
            LogNothingToFence(logger);
            return;
        }
        var kept = _armed.Keys.Where(_storageFenced.ContainsKey).ToList();
        var victims = _armed.Keys.Except(kept).ToList();
        if (victims.Count > 0)
        {
            LogFencing(logger, victims.Count);
            await KillAsync(victims);
        }
        if (kept.Count > 0)
        {
            LogKeptRunning(logger, kept.Count);
            foreach (var id in kept)
            {
                _keptThroughLoss[id] = true;
            }
            _ = WatchBlocklistAsync(lost.Id);
        }
    }

    private Task KillArmedAsync() => KillAsync([.. _armed.Keys]);

    private async Task KillAsync(IReadOnlyList<VmId> victims)
    {
        await Task.WhenAll(victims.Select(async id =>
        {
            try
            {
                await driver.KillAsync(id, CancellationToken.None);
                _armed.TryRemove(id, out _);
                _storageFenced.TryRemove(id, out _);
                lock (_seenRunning)
                {
                    _seenRunning.Remove(id);
                }
                LogFenced(logger, id);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                LogFenceFailed(logger, id, e.Message);
            }
        }));
    }
}

/// <summary>The modes of <see cref="HaLrmStatus"/>.</summary>
public static class HaLrmModes
{
    public const string Active = "active";
    public const string Idle = "idle";
    public const string Restart = "restart";
}
