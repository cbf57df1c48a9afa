namespace Cordouan.Cluster.Locks;

/// <summary>The document stored under a lock key: who holds it and since when.</summary>
public sealed record LockHolder
{
    public int SchemaVersion { get; init; } = 1;

    /// <summary>Free text naming the holder, e.g. "node1: UPID:node1:…:qmclone:100:root@pam:".</summary>
    public required string Owner { get; init; }

    public required DateTimeOffset AcquiredAt { get; init; }

    /// <summary>The etcd lease that keeps the lock; the lock disappears with it.</summary>
    public long Lease { get; init; }
}
