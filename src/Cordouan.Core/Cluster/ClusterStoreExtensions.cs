namespace Cordouan.Core.Cluster;

/// <summary>Single-key shorthands over <see cref="IClusterStore.TransactAsync"/>.</summary>
public static class ClusterStoreExtensions
{
    /// <summary>Unconditional put.</summary>
    public static Task<TxnResult> PutAsync(this IClusterStore store, string key, byte[] value, CancellationToken cancellationToken, long lease = 0) =>
        store.TransactAsync([], [new TxnOp.Put(key, value, lease)], cancellationToken);

    /// <summary>Put only if the key's mod revision is still <paramref name="expectedModRevision"/> (0 = create only).</summary>
    public static Task<TxnResult> CompareAndPutAsync(this IClusterStore store, string key, long expectedModRevision, byte[] value, CancellationToken cancellationToken, long lease = 0) =>
        store.TransactAsync([new TxnCompare(key, expectedModRevision)], [new TxnOp.Put(key, value, lease)], cancellationToken);

    /// <summary>Delete only if the key's mod revision is still <paramref name="expectedModRevision"/>.</summary>
    public static Task<TxnResult> CompareAndDeleteAsync(this IClusterStore store, string key, long expectedModRevision, CancellationToken cancellationToken) =>
        store.TransactAsync([new TxnCompare(key, expectedModRevision)], [new TxnOp.Delete(key)], cancellationToken);

    /// <summary>Unconditional delete.</summary>
    public static Task<TxnResult> DeleteAsync(this IClusterStore store, string key, CancellationToken cancellationToken) =>
        store.TransactAsync([], [new TxnOp.Delete(key)], cancellationToken);
}
