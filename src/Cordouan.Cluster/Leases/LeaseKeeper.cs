using Cordouan.Core.Cluster;
using Cordouan.Core.Errors;
using Microsoft.Extensions.Logging;

namespace Cordouan.Cluster.Leases;

/// <summary>
/// An etcd lease kept alive by a background loop (a keep-alive every TTL/3). <see cref="Lost"/> is cancelled as soon as
/// the lease may have expired: etcd said so, or no keep-alive succeeded within TTL of the last good one's send time,
/// which is never later than etcd's own expiry. Disposing stops the loop and revokes the lease (deleting its keys).
/// </summary>
public sealed partial class LeaseKeeper : IAsyncDisposable
{
    private readonly IClusterStore _store;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _lost = new();
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;
    private long _validUntil;
    private int _disposed;

    private LeaseKeeper(IClusterStore store, long leaseId, TimeSpan ttl, long grantedAt, TimeProvider timeProvider, ILogger logger)
    {
        _store = store;
        LeaseId = leaseId;
        Ttl = ttl;
        _timeProvider = timeProvider;
        _logger = logger;
        _validUntil = grantedAt + ToTimestamp(ttl);
    }

    /// <summary>The etcd lease id, to bind keys with.</summary>
    public long LeaseId { get; }

    /// <summary>The requested time to live (etcd may round it up).</summary>
    public TimeSpan Ttl { get; }

    /// <summary>
    /// Until when the lease is surely valid, as a timestamp of the time provider (for the system one, CLOCK_MONOTONIC
    /// through <see cref="System.Diagnostics.Stopwatch"/>, comparable across processes): the last good keep-alive's
    /// send time plus the TTL.
    /// </summary>
    public long ValidUntilTimestamp => Volatile.Read(ref _validUntil);

    /// <summary>Cancelled when the lease is (or may be) gone; work valid only under the lease runs under this token.</summary>
    public CancellationToken Lost => _lost.Token;

    /// <summary>Why the lease was lost, once <see cref="Lost"/> fired.</summary>
    public string? LostReason { get; private set; }

    /// <summary>Grants a lease and starts keeping it alive.</summary>
    public static async Task<LeaseKeeper> GrantAsync(IClusterStore store, TimeSpan ttl, TimeProvider timeProvider, ILogger logger, CancellationToken cancellationToken)
    {
        var grantedAt = timeProvider.GetTimestamp();
        var leaseId = await store.GrantLeaseAsync(ttl, cancellationToken);
        var keeper = new LeaseKeeper(store, leaseId, ttl, grantedAt, timeProvider, logger);
        keeper._loop = keeper.KeepAliveLoopAsync(keeper._stop.Token);
        return keeper;
    }

    /// <summary>Stops the keep-alive loop and revokes the lease; if etcd is unreachable the lease simply expires.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        await _stop.CancelAsync();
        await _loop;
        if (!_lost.IsCancellationRequested)
        {
            try
            {
                await _store.RevokeLeaseAsync(LeaseId, CancellationToken.None);
            }
            catch (QuorumLostException e)
            {
                Log.RevokeFailed(_logger, LeaseId, e.Message);
            }
            MarkLost("revoked", expected: true);
        }
        // _lost stays undisposed: holders may still read Lost after release (it has no timer to free).
        _stop.Dispose();
    }

    private async Task KeepAliveLoopAsync(CancellationToken cancellationToken)
    {
        var interval = Ttl / 3;
        try
        {
            while (true)
            {
                var remaining = _timeProvider.GetElapsedTime(_timeProvider.GetTimestamp(), Volatile.Read(ref _validUntil));
                if (remaining <= TimeSpan.Zero)
                {
                    MarkLost($"no keep-alive succeeded within the TTL of {Ttl.TotalSeconds:0.#} s");
                    return;
                }
                await Task.Delay(remaining < interval ? remaining : interval, _timeProvider, cancellationToken);
                if (!await TryRenewAsync(cancellationToken))
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Disposed: DisposeAsync revokes.
        }
    }

    /// <summary>One keep-alive bounded by what is left of the lease; false once the lease is known lost.</summary>
    private async Task<bool> TryRenewAsync(CancellationToken cancellationToken)
    {
        var sentAt = _timeProvider.GetTimestamp();
        var remaining = _timeProvider.GetElapsedTime(sentAt, Volatile.Read(ref _validUntil));
        if (remaining <= TimeSpan.Zero)
        {
            MarkLost($"no keep-alive succeeded within the TTL of {Ttl.TotalSeconds:0.#} s");
            return false;
        }
        using var timeout = new CancellationTokenSource(remaining, _timeProvider);
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            if (!await _store.KeepAliveAsync(LeaseId, attempt.Token))
            {
                MarkLost("etcd reports the lease expired");
                return false;
            }
            Volatile.Write(ref _validUntil, sentAt + ToTimestamp(Ttl));
        }
        catch (QuorumLostException e)
        {
            Log.KeepAliveFailed(_logger, LeaseId, e.Message);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Log.KeepAliveFailed(_logger, LeaseId, "keep-alive did not answer before the lease would expire");
        }
        return true;
    }

    private void MarkLost(string reason, bool expected = false)
    {
        if (LostReason is not null)
        {
            return;
        }
        LostReason = reason;
        if (!expected)
        {
            Log.LeaseLost(_logger, LeaseId, reason);
        }
        _lost.Cancel();
    }

    private long ToTimestamp(TimeSpan span) => (long)(span.TotalSeconds * _timeProvider.TimestampFrequency);
}
