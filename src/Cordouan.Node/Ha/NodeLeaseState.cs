namespace Cordouan.Node.Ha;

/// <summary>
/// This node's current liveness lease, as the liveness service holds it: HA work (claims, starts) is bound to it,
/// and its <see cref="HeldLease.Lost"/> token is what makes the node fence itself.
/// </summary>
public sealed class NodeLeaseState
{
    private HeldLease? _current;

    /// <summary>The lease now held, or null between a loss and the next grant.</summary>
    public HeldLease? Current => Volatile.Read(ref _current) is { Lost.IsCancellationRequested: false } held ? held : null;

    /// <summary>Raised (on the liveness service's thread) each time a new lease is held.</summary>
    public event Action<HeldLease>? Acquired;

    public void OnAcquired(long leaseId, Func<long> validUntil, CancellationToken lost)
    {
        var held = new HeldLease(leaseId, validUntil, lost);
        Volatile.Write(ref _current, held);
        Acquired?.Invoke(held);
    }
}

/// <summary>
/// A granted lease: its etcd id (to bind keys to), until when it is surely valid (a CLOCK_MONOTONIC
/// <see cref="System.Diagnostics.Stopwatch"/> timestamp, for the fence guard), and the token cancelled as soon as it
/// may have expired.
/// </summary>
public sealed record HeldLease(long Id, Func<long> ValidUntil, CancellationToken Lost);
