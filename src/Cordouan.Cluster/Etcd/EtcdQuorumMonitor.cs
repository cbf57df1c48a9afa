using Cordouan.Core.Cluster;
using Cordouan.Core.Errors;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cordouan.Cluster.Etcd;

/// <summary>
/// Asks the local etcd member twice a second whether it knows a leader. A member that does not is cut off from the
/// majority (or the majority is gone): the node is then not quorate — reads switch to the member's own copy (stale)
/// and writes fail at once with "cluster not quorate" — until a leader is known again, with no restart or manual step.
/// </summary>
public sealed partial class EtcdQuorumMonitor(EtcdClusterStore store, TimeProvider time, ILogger<EtcdQuorumMonitor> logger)
    : BackgroundService, IQuorumState
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(1);
    // Four silent probes (about 6 s): 50 parallel API calls on 2 cores, each opening a mutual-TLS connection to etcd,
    // kept the member busy past two 1 s probes in a row and refused writes as "not quorate" on a healthy cluster.
    // A member with no leader is still reported at once (etcd's own verdict).
    private const int SilentProbesForLoss = 4;
    private int _silentProbes;
    private DateTimeOffset? _lostSince;
    private string? _reason;
    private ulong _leaderId;
    private string? _leaderName;

    public bool IsQuorate => Volatile.Read(ref _reason) is null;

    public DateTimeOffset? LostSince => _lostSince;

    public string? Reason => Volatile.Read(ref _reason);

    public string? LeaderName => Volatile.Read(ref _reason) is null ? Volatile.Read(ref _leaderName) : null;

    /// <summary>Probes once and updates the state; also used at startup so the first answer is not a guess.</summary>
    public async Task ProbeAsync(CancellationToken cancellationToken)
    {
        string? reason;
        var silent = false;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(ProbeTimeout);
            var status = await store.GetStatusAsync(timeout.Token);
            reason = status.HasLeader ? null : "the local etcd member has no leader: this node is cut off from the majority of the cluster's members";
            if (status.HasLeader && status.Leader != _leaderId)
            {
                // Member ids only change with the leader (rare): one member list call maps the id to a node name.
                var members = await store.ListMembersAsync(timeout.Token);
                Volatile.Write(ref _leaderName, members.FirstOrDefault(m => m.Id == status.Leader)?.Name);
                _leaderId = status.Leader;
            }
        }
        catch (QuorumLostException e)
        {
            reason = $"the local etcd member does not answer ({e.Message})";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            reason = $"the local etcd member did not answer within {ProbeTimeout.TotalSeconds:0} s";
            silent = true;
        }
        catch (EtcdRequestException e)
        {
            reason = $"the local etcd member refused the status call ({e.Message})";
        }
        // A member that is merely slow (a loaded host) is not a lost quorum: silence counts from the fourth probe in a
        // row. "No leader" is etcd's own verdict and counts at once.
        _silentProbes = silent ? _silentProbes + 1 : 0;
        if (silent && _silentProbes < SilentProbesForLoss)
        {
            return;
        }
        Apply(reason);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await ProbeAsync(stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await Task.Delay(Interval, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private void Apply(string? reason)
    {
        var previous = Volatile.Read(ref _reason);
        if (reason is null && previous is not null)
        {
            var now = time.GetUtcNow();
            var duration = now - (_lostSince ?? now);
            LogRegained(logger, duration);
            _lostSince = null;
        }
        else if (reason is not null && previous is null)
        {
            _lostSince = time.GetUtcNow();
            LogLost(logger, reason);
        }
        Volatile.Write(ref _reason, reason);
        store.NoQuorumReason = reason;
    }

    [LoggerMessage(EventId = 6030, Level = LogLevel.Warning, Message = "Cluster not quorate: {Reason}. VMs keep running; reads come from the last known state and writes are refused until quorum returns")]
    private static partial void LogLost(ILogger logger, string reason);

    [LoggerMessage(EventId = 6031, Level = LogLevel.Information, Message = "Cluster quorate again after {Duration}")]
    private static partial void LogRegained(ILogger logger, TimeSpan duration);
}
