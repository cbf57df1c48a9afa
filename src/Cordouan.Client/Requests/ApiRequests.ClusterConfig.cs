using System.Text.Json;
using Cordouan.Contracts.Cluster;

namespace Cordouan.Client.Requests;

public static partial class ApiRequests
{
    private static ClusterConfigJsonContext ClusterJson => ClusterConfigJsonContext.Default;

    /// <summary><c>POST /cluster/config</c> <c>clustername</c> → UPID (<c>clustercreate</c>): names this single-node cluster.</summary>
    public static ApiRequest<string> CreateCluster(string clusterName) =>
        Post("cluster/config", Json.String, new RequestParameters().Add("clustername", clusterName));

    /// <summary><c>GET /cluster/config/join?node=</c>: what a new node needs to join through <paramref name="node"/> (default: the answering node).</summary>
    public static ApiRequest<ClusterJoinInfo> ClusterJoinInfo(string? node = null) =>
        Get("cluster/config/join", ClusterJson.ClusterJoinInfo, new RequestParameters().Add("node", node));

    /// <summary><c>POST /cluster/config/join</c> → UPID (<c>clusterjoin</c>) on the joining node, which restarts its services meanwhile.</summary>
    public static ApiRequest<string> JoinCluster(ClusterPeer peer, bool force = false) =>
        Post("cluster/config/join", Json.String, PeerParameters(peer).Add("force", force ? true : null));

    /// <summary><c>GET /cluster/config/nodes</c>.</summary>
    public static ApiRequest<IReadOnlyList<ClusterConfigNode>> ClusterConfigNodes() =>
        Get("cluster/config/nodes", ClusterJson.IReadOnlyListClusterConfigNode);

    /// <summary><c>DELETE /cluster/config/nodes/{node}</c> (data <c>null</c>): removes a dead node; <paramref name="force"/> even when it owns VMs.</summary>
    public static ApiRequest<JsonElement> DeleteClusterNode(string node, bool force = false) =>
        Delete($"cluster/config/nodes/{Segment(node)}", Json.JsonElement, new RequestParameters().Add("force", force ? true : null));

    /// <summary><c>POST /cluster/config/leave</c> (Cordouan extension) → UPID (<c>clusterleave</c>); the node restarts as a standalone node.</summary>
    public static ApiRequest<string> LeaveCluster() => Post("cluster/config/leave", Json.String);

    /// <summary><c>POST /cluster/config/witness</c> (Cordouan extension) → UPID (<c>witnessadd</c>): the cluster asks the witness to join.</summary>
    public static ApiRequest<string> AddWitness(ClusterPeer witness) => Post("cluster/config/witness", Json.String, PeerParameters(witness));

    /// <summary><c>DELETE /cluster/config/witness</c> (Cordouan extension), data <c>null</c>.</summary>
    public static ApiRequest<JsonElement> RemoveWitness() => Delete("cluster/config/witness", Json.JsonElement);

    private static RequestParameters PeerParameters(ClusterPeer peer) =>
        new RequestParameters()
            .Add("hostname", peer.Hostname)
            .Add("fingerprint", peer.Fingerprint)
            .Add("password", peer.Password)
            .Add("token", peer.Token)
            .Add("username", peer.Token is null ? peer.Username : null);
}
