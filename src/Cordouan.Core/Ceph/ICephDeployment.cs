namespace Cordouan.Core.Ceph;

/// <summary>
/// Deploys this node's share of the Ceph cluster: the cluster-wide configuration, monitors, managers and OSDs.
/// Every method validates before it changes anything (a refused request leaves no trace) and throws
/// <see cref="Errors.ValidationException"/> naming the parameter at fault; daemons it creates are kept running by
/// this node until they are destroyed. Cluster-wide facts (fsid, monitors, keys) live in the cluster store.
/// </summary>
public interface ICephDeployment
{
    /// <summary>Creates the cluster-wide configuration (no daemon yet). Refused when Ceph is already initialized.</summary>
    Task InitAsync(CephInitSpec spec, CancellationToken cancellationToken);

    /// <summary>Throws a clear error when this node cannot run Ceph (packages missing) or Ceph is not initialized.</summary>
    Task EnsureReadyAsync(bool requireInitialized, CancellationToken cancellationToken);

    /// <summary>Checks that this node may create monitor <paramref name="monId"/> (throws on <c>monid</c> / <c>mon-address</c>); no change.</summary>
    Task CheckCreateMonAsync(string monId, string? address, CancellationToken cancellationToken);

    Task CreateMonAsync(string monId, string? address, CephStepLog log, CancellationToken cancellationToken);

    Task DestroyMonAsync(string monId, CephStepLog log, CancellationToken cancellationToken);

    /// <summary>Checks that this node may create manager <paramref name="mgrId"/> (throws on <c>id</c>); no change.</summary>
    Task CheckCreateMgrAsync(string mgrId, CancellationToken cancellationToken);

    Task CreateMgrAsync(string mgrId, CephStepLog log, CancellationToken cancellationToken);

    Task DestroyMgrAsync(string mgrId, CephStepLog log, CancellationToken cancellationToken);

    /// <summary>Checks that <paramref name="device"/> may become an OSD (throws on <c>dev</c>); cheap, no change.</summary>
    Task CheckOsdDeviceAsync(string device, bool zap, CancellationToken cancellationToken);

    /// <summary>Creates a bluestore OSD on a whole block device, bound to <paramref name="addresses"/> where given; returns its id.</summary>
    Task<int> CreateOsdAsync(string device, bool zap, CephOsdAddresses addresses, CephStepLog log, CancellationToken cancellationToken);

    /// <summary>Stops and purges an OSD of this node; <paramref name="cleanup"/> also wipes its device.</summary>
    Task DestroyOsdAsync(int osdId, bool cleanup, CephStepLog log, CancellationToken cancellationToken);
}
