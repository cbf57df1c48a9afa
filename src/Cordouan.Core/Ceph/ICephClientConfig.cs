namespace Cordouan.Core.Ceph;

/// <summary>
/// How a Ceph client on this node (the rbd storage, QEMU) reaches the cluster Cordouan deployed. Any node of the
/// Cordouan cluster can use it, including one that runs no Ceph daemon: the files come from the cluster's facts.
/// </summary>
public interface ICephClientConfig
{
    /// <summary>Where this node's client files are; they may not exist before <see cref="PrepareAsync"/>.</summary>
    CephClientFiles Files { get; }

    /// <summary>Writes this node's ceph.conf and admin keyring when missing or stale; throws when Ceph is not initialized.</summary>
    Task PrepareAsync(CancellationToken cancellationToken);
}
