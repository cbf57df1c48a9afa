using Cordouan.Cluster.Leases;
using Microsoft.Extensions.Logging;

namespace Cordouan.Cluster.Locks;

/// <summary>A held cluster lock. Disposing releases it (revokes its lease); <see cref="Lost"/> fires if it lapses first.</summary>
public sealed class ClusterLockHandle : IAsyncDisposable
{
    private readonly LeaseKeeper _lease;
    private readonly ILogger _logger;

    internal ClusterLockHandle(string name, LockHolder holder, LeaseKeeper lease, ILogger logger)
    {
        Name = name;
        Holder = holder;
        _lease = lease;
        _logger = logger;
    }

    public string Name { get; }

    public LockHolder Holder { get; }

    /// <summary>Cancelled when the lock's lease is lost: work guarded by the lock must stop.</summary>
    public CancellationToken Lost => _lease.Lost;

    public async ValueTask DisposeAsync()
    {
        await _lease.DisposeAsync();
        ClusterLock.Log.LockReleased(_logger, Name, Holder.Owner);
    }
}
