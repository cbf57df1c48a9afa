using System.Text.Json.Nodes;

namespace Cordouan.Core.Ceph;

/// <summary>
/// Reads and administers a running Ceph cluster through its own tools (<c>ceph … --format json</c>).
/// Calls are bounded by a connect timeout, so a cluster without monitors fails fast instead of hanging.
/// </summary>
public interface ICephCluster
{
    /// <summary><c>ceph status</c> as Ceph prints it (Proxmox returns it unchanged).</summary>
    Task<JsonObject> StatusAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<CephMonInfo>> ListMonsAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<CephMgrInfo>> ListMgrsAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<CephOsdInfo>> ListOsdsAsync(CancellationToken cancellationToken);

    /// <summary>Marks an OSD in or out; an unknown id throws <see cref="Errors.ValidationException"/> on <c>osdid</c>.</summary>
    Task SetOsdInAsync(int osdId, bool markIn, CancellationToken cancellationToken);

    Task<IReadOnlyList<CephPoolInfo>> ListPoolsAsync(CancellationToken cancellationToken);

    /// <summary>Cheap existence check (one <c>ceph osd pool ls</c>).</summary>
    Task<bool> PoolExistsAsync(string name, CancellationToken cancellationToken);

    Task CreatePoolAsync(CephPoolSpec spec, CephStepLog log, CancellationToken cancellationToken);

    /// <summary>Deletes a pool and its data; an unknown name throws <see cref="Errors.ValidationException"/> on <c>name</c>.</summary>
    Task DestroyPoolAsync(string name, CephStepLog log, CancellationToken cancellationToken);
}
