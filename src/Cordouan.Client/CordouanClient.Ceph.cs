using Cordouan.Client.Requests;
using Cordouan.Contracts.Ceph;

namespace Cordouan.Client;

public sealed partial class CordouanClient
{
    /// <summary><c>POST /nodes/{node}/ceph/init</c>: the cluster-wide Ceph configuration (no daemon yet).</summary>
    public Task InitCephAsync(string node, string? network, string? clusterNetwork, int? size, int? minSize, string? failureDomain, CancellationToken cancellationToken) =>
        SendForDataAsync(ApiRequests.CephInit(node, network, clusterNetwork, size, minSize, failureDomain), cancellationToken);

    /// <summary><c>GET /nodes/{node}/ceph/status</c>.</summary>
    public Task<CephStatus> GetCephStatusAsync(string node, CancellationToken cancellationToken) =>
        SendAsync(ApiRequests.CephStatus(node), cancellationToken);

    /// <summary>Creates a monitor or manager (<paramref name="kind"/> <c>mon</c> / <c>mgr</c>) → UPID.</summary>
    public Task<string> CreateCephDaemonAsync(string node, string kind, string? id, string? monAddress, CancellationToken cancellationToken) =>
        SendAsync(ApiRequests.CephCreateDaemon(node, kind, id, monAddress), cancellationToken);

    /// <summary>Destroys a monitor or manager → UPID.</summary>
    public Task<string> DestroyCephDaemonAsync(string node, string kind, string id, CancellationToken cancellationToken) =>
        SendAsync(ApiRequests.CephDestroyDaemon(node, kind, id), cancellationToken);

    /// <summary><c>POST …/ceph/osd</c> → UPID.</summary>
    public Task<string> CreateCephOsdAsync(string node, string device, bool zap, CancellationToken cancellationToken) =>
        SendAsync(ApiRequests.CephCreateOsd(node, device, zap), cancellationToken);

    /// <summary><c>DELETE …/ceph/osd/{osdid}</c> → UPID.</summary>
    public Task<string> DestroyCephOsdAsync(string node, int osdId, bool cleanup, CancellationToken cancellationToken) =>
        SendAsync(ApiRequests.CephDestroyOsd(node, osdId, cleanup), cancellationToken);

    /// <summary><c>POST …/ceph/pool</c> → UPID.</summary>
    public Task<string> CreateCephPoolAsync(
        string node, string name, int? size, int? minSize, int? pgNum, string? autoscaleMode, bool addStorages, CancellationToken cancellationToken) =>
        SendAsync(ApiRequests.CephCreatePool(node, name, size, minSize, pgNum, autoscaleMode, addStorages), cancellationToken);

    /// <summary><c>DELETE …/ceph/pool/{name}</c> → UPID.</summary>
    public Task<string> DestroyCephPoolAsync(string node, string name, bool force, bool removeStorages, CancellationToken cancellationToken) =>
        SendAsync(ApiRequests.CephDestroyPool(node, name, force, removeStorages), cancellationToken);
}
