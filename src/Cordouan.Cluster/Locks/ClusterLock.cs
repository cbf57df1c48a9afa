using System.Text.Json;
using Cordouan.Cluster.Leases;
using Cordouan.Core.Cluster;
using Microsoft.Extensions.Logging;

namespace Cordouan.Cluster.Locks;

/// <summary>
/// Cluster-wide exclusive locks at <see cref="ClusterKeys.Lock"/>: the key is created only if absent, bound to a
/// kept-alive lease, so a crashed holder releases it after the TTL. Losing the race is a result (null), not an error.
/// </summary>
public sealed partial class ClusterLock(IClusterStore store, TimeProvider timeProvider, ILogger<ClusterLock> logger)
{
    /// <summary>Takes lock <paramref name="name"/> for <paramref name="owner"/>, or returns null when someone else holds it.</summary>
    public async Task<ClusterLockHandle?> TryAcquireAsync(string name, string owner, TimeSpan ttl, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var lease = await LeaseKeeper.GrantAsync(store, ttl, timeProvider, logger, cancellationToken);
        try
        {
            var holder = new LockHolder { Owner = owner, AcquiredAt = timeProvider.GetUtcNow(), Lease = lease.LeaseId };
            var document = JsonSerializer.SerializeToUtf8Bytes(holder, LockJsonContext.Default.LockHolder);
            var result = await store.CompareAndPutAsync(ClusterKeys.Lock(name), 0, document, cancellationToken, lease.LeaseId);
            if (!result.Succeeded)
            {
                await lease.DisposeAsync();
                Log.LockBusy(logger, name, owner);
                return null;
            }
            Log.LockAcquired(logger, name, owner);
            return new ClusterLockHandle(name, holder, lease, logger);
        }
        catch
        {
            await lease.DisposeAsync();
            throw;
        }
    }

    /// <summary>Who holds lock <paramref name="name"/> now, or null when it is free.</summary>
    public async Task<LockHolder?> GetHolderAsync(string name, CancellationToken cancellationToken)
    {
        var entry = await store.GetAsync(ClusterKeys.Lock(name), cancellationToken);
        if (entry is null)
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize(entry.Value, LockJsonContext.Default.LockHolder);
        }
        catch (JsonException)
        {
            // Written by something else: still held, by an unknown owner.
            return new LockHolder { Owner = "unknown", AcquiredAt = DateTimeOffset.UnixEpoch, Lease = entry.Lease };
        }
    }
}
