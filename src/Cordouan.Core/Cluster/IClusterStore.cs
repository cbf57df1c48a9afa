namespace Cordouan.Core.Cluster;

/// <summary>
/// The cluster's consistent key-value store (etcd). Contract:
/// every read is linearizable (never stale) unless the method says otherwise;
/// <see cref="TransactAsync"/> applies all of its ops atomically iff every compare holds, else none;
/// a store that cannot reach quorum throws <see cref="Errors.QuorumLostException"/> rather than hanging past the token.
/// Keys are plain strings from <see cref="ClusterKeys"/>; values are opaque bytes (JSON documents by convention).
/// </summary>
public interface IClusterStore
{
    /// <summary>Reads one key, or null when absent.</summary>
    Task<StoreEntry?> GetAsync(string key, CancellationToken cancellationToken);

    /// <summary>Reads every key under a prefix, ordered by key.</summary>
    Task<IReadOnlyList<StoreEntry>> ListAsync(string prefix, CancellationToken cancellationToken);

    /// <summary>Atomically checks every compare and, if all hold, applies every op.</summary>
    Task<TxnResult> TransactAsync(IReadOnlyList<TxnCompare> compares, IReadOnlyList<TxnOp> ops, CancellationToken cancellationToken);

    /// <summary>Grants a lease that expires <paramref name="ttl"/> after its last keep-alive; keys put with it vanish then.</summary>
    Task<long> GrantLeaseAsync(TimeSpan ttl, CancellationToken cancellationToken);

    /// <summary>Renews a lease once; returns false if it has already expired.</summary>
    Task<bool> KeepAliveAsync(long lease, CancellationToken cancellationToken);

    /// <summary>Revokes a lease, deleting its keys. Revoking an expired lease is not an error.</summary>
    Task RevokeLeaseAsync(long lease, CancellationToken cancellationToken);

    /// <summary>Streams changes under a prefix, starting after <paramref name="afterRevision"/> (0 = from now).</summary>
    IAsyncEnumerable<WatchEvent> WatchAsync(string prefix, long afterRevision, CancellationToken cancellationToken);
}
