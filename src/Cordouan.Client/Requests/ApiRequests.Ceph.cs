using System.Text.Json;
using Cordouan.Contracts.Ceph;

namespace Cordouan.Client.Requests;

public static partial class ApiRequests
{
    /// <summary><c>POST /nodes/{node}/ceph/init</c> (synchronous; <c>failure-domain</c> is a Cordouan extension; no network = the node's Ceph traffic networks).</summary>
    public static ApiRequest<JsonElement> CephInit(string node, string? network, string? clusterNetwork = null, int? size = null, int? minSize = null, string? failureDomain = null) =>
        Post(Ceph(node) + "/init", Json.JsonElement, new RequestParameters()
            .Add("network", network).Add("cluster-network", clusterNetwork).Add("size", size).Add("min_size", minSize).Add("failure-domain", failureDomain));

    /// <summary><c>GET /nodes/{node}/ceph/status</c>: Ceph's own status JSON.</summary>
    public static ApiRequest<CephStatus> CephStatus(string node) => Get(Ceph(node) + "/status", Json.CephStatus);

    /// <summary><c>POST …/ceph/mon[/{monid}]</c> or <c>…/ceph/mgr[/{id}]</c> → UPID; <paramref name="kind"/> is <c>mon</c> or <c>mgr</c>.</summary>
    public static ApiRequest<string> CephCreateDaemon(string node, string kind, string? id = null, string? monAddress = null) =>
        Post(Ceph(node) + "/" + kind + (id is null ? "" : "/" + Segment(id)), Json.String, new RequestParameters().Add("mon-address", monAddress));

    /// <summary><c>DELETE …/ceph/mon/{monid}</c> or <c>…/ceph/mgr/{id}</c> → UPID.</summary>
    public static ApiRequest<string> CephDestroyDaemon(string node, string kind, string id) =>
        Delete(Ceph(node) + "/" + kind + "/" + Segment(id), Json.String);

    /// <summary><c>POST …/ceph/osd</c> with <c>dev</c> (and the <c>zap</c> extension) → UPID.</summary>
    public static ApiRequest<string> CephCreateOsd(string node, string device, bool zap = false) =>
        Post(Ceph(node) + "/osd", Json.String, new RequestParameters().Add("dev", device).Add("zap", zap ? true : null));

    /// <summary><c>DELETE …/ceph/osd/{osdid}</c> → UPID.</summary>
    public static ApiRequest<string> CephDestroyOsd(string node, int osdId, bool cleanup = false) =>
        Delete(Ceph(node) + "/osd/" + Segment(osdId), Json.String, new RequestParameters().Add("cleanup", cleanup ? true : null));

    /// <summary><c>GET …/ceph/pool</c>.</summary>
    public static ApiRequest<IReadOnlyList<CephPoolItem>> CephPools(string node) => Get(Ceph(node) + "/pool", Json.IReadOnlyListCephPoolItem);

    /// <summary><c>POST …/ceph/pool</c> → UPID.</summary>
    public static ApiRequest<string> CephCreatePool(
        string node, string name, int? size = null, int? minSize = null, int? pgNum = null, string? autoscaleMode = null, bool addStorages = false) =>
        Post(Ceph(node) + "/pool", Json.String, new RequestParameters()
            .Add("name", name).Add("size", size).Add("min_size", minSize).Add("pg_num", pgNum).Add("pg_autoscale_mode", autoscaleMode)
            .Add("add_storages", addStorages ? true : null));

    /// <summary><c>DELETE …/ceph/pool/{name}</c> → UPID.</summary>
    public static ApiRequest<string> CephDestroyPool(string node, string name, bool force = false, bool removeStorages = false) =>
        Delete(Ceph(node) + "/pool/" + Segment(name), Json.String,
            new RequestParameters().Add("force", force ? true : null).Add("remove_storages", removeStorages ? true : null));

    private static string Ceph(string node) => $"nodes/{Segment(node)}/ceph";
}
