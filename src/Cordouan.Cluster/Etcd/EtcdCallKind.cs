namespace Cordouan.Cluster.Etcd;

/// <summary>Whether a failed call may be retried on another member without risking a double write.</summary>
internal enum EtcdCallKind
{
    /// <summary>Reads and idempotent writes (keep-alive, revoke): retried on any failure until the deadline.</summary>
    Idempotent,

    /// <summary>Txn and lease grant: retried only when the request certainly did not reach etcd.</summary>
    Write,
}
