using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Cordouan.Contracts.Access;
using Cordouan.Contracts.Cluster;
using Cordouan.Contracts.Json;
using Cordouan.Contracts.Nodes;

namespace Cordouan.Client.Requests;

/// <summary>
/// The API calls the client makes, one factory per endpoint (paths and parameter names are Proxmox's).
/// Split by resource into partial files.
/// </summary>
public static partial class ApiRequests
{
    private static ContractsJsonContext Json => ContractsJsonContext.Default;

    /// <summary><c>POST /access/ticket</c>; <paramref name="password"/> may be a still-valid ticket to renew it.</summary>
    public static ApiRequest<LoginResult> Login(string username, string password) =>
        new(HttpMethod.Post, "access/ticket", Json.LoginResult)
        {
            Parameters = new RequestParameters().Add("username", username).Add("password", password).ToList(),
            Authenticated = false,
        };

    /// <summary><c>GET /version</c>.</summary>
    public static ApiRequest<VersionInfo> Version() => Get("version", Json.VersionInfo);

    /// <summary><c>GET /cluster/status</c>.</summary>
    public static ApiRequest<IReadOnlyList<ClusterStatusItem>> ClusterStatus() => Get("cluster/status", Json.IReadOnlyListClusterStatusItem);

    /// <summary><c>GET /cluster/resources?type=</c> (<c>vm</c>, <c>storage</c>, <c>node</c>, <c>sdn</c>, or all when null).</summary>
    public static ApiRequest<IReadOnlyList<ClusterResource>> ClusterResources(string? type = null) =>
        Get("cluster/resources", Json.IReadOnlyListClusterResource, new RequestParameters().Add("type", type));

    /// <summary><c>GET /cluster/nextid</c>; the data is a JSON string such as <c>"100"</c>.</summary>
    public static ApiRequest<JsonElement> NextId(int? vmid = null) =>
        Get("cluster/nextid", Json.JsonElement, new RequestParameters().Add("vmid", vmid));

    /// <summary><c>GET /nodes</c>.</summary>
    public static ApiRequest<IReadOnlyList<NodeItem>> Nodes() => Get("nodes", Json.IReadOnlyListNodeItem);

    /// <summary><c>GET /nodes/{node}/status</c>.</summary>
    public static ApiRequest<NodeStatus> NodeStatus(string node) => Get($"nodes/{Segment(node)}/status", Json.NodeStatus);

    /// <summary>Escapes one path segment (node names, UPIDs, storage and snapshot names).</summary>
    public static string Segment(string value) => Uri.EscapeDataString(value);

    private static string Segment(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static ApiRequest<T> Get<T>(string path, JsonTypeInfo<T> type, RequestParameters? parameters = null) =>
        new(HttpMethod.Get, path, type) { Parameters = parameters?.ToList() ?? [] };

    private static ApiRequest<T> Post<T>(string path, JsonTypeInfo<T> type, RequestParameters? parameters = null) =>
        new(HttpMethod.Post, path, type) { Parameters = parameters?.ToList() ?? [] };

    private static ApiRequest<T> Put<T>(string path, JsonTypeInfo<T> type, RequestParameters? parameters = null) =>
        new(HttpMethod.Put, path, type) { Parameters = parameters?.ToList() ?? [] };

    private static ApiRequest<T> Delete<T>(string path, JsonTypeInfo<T> type, RequestParameters? parameters = null) =>
        new(HttpMethod.Delete, path, type) { Parameters = parameters?.ToList() ?? [] };
}
