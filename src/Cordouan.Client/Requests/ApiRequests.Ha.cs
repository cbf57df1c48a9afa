using System.Text.Json;
using Cordouan.Contracts.Ha;

namespace Cordouan.Client.Requests;

public static partial class ApiRequests
{
    /// <summary><c>GET /cluster/ha/resources</c>.</summary>
    public static ApiRequest<IReadOnlyList<HaResourceItem>> HaResources() => Get("cluster/ha/resources", Json.IReadOnlyListHaResourceItem);

    /// <summary><c>GET /cluster/ha/resources/{sid}</c>; <paramref name="sid"/> is <c>vm:100</c> or <c>100</c>.</summary>
    public static ApiRequest<HaResourceItem> HaResource(string sid) => Get($"cluster/ha/resources/{Segment(sid)}", Json.HaResourceItem);

    /// <summary><c>POST /cluster/ha/resources</c> (data <c>null</c>).</summary>
    public static ApiRequest<JsonElement> CreateHaResource(string sid, HaResourceOptions? options = null) =>
        Post("cluster/ha/resources", Json.JsonElement, HaResourceParameters(options).Add("sid", sid));

    /// <summary><c>PUT /cluster/ha/resources/{sid}</c>; <paramref name="delete"/> resets options to their defaults.</summary>
    public static ApiRequest<JsonElement> UpdateHaResource(string sid, HaResourceOptions? options = null, IEnumerable<string>? delete = null, string? digest = null) =>
        Put($"cluster/ha/resources/{Segment(sid)}", Json.JsonElement, HaResourceParameters(options).Add("delete", JoinList(delete)).Add("digest", digest));

    /// <summary>
    /// <c>POST /cluster/ha/resources/{sid}/migrate|relocate</c> (<paramref name="request"/>): the VM's node moves it to
    /// <paramref name="node"/>, live or with a restart; answers at once.
    /// </summary>
    public static ApiRequest<JsonElement> MoveHaResource(string sid, string request, string node) =>
        Post($"cluster/ha/resources/{Segment(sid)}/{Segment(request)}", Json.JsonElement, new RequestParameters().Add("node", node));

    /// <summary><c>DELETE /cluster/ha/resources/{sid}</c>: the VM leaves HA, nothing else changes.</summary>
    public static ApiRequest<JsonElement> DeleteHaResource(string sid) => Delete($"cluster/ha/resources/{Segment(sid)}", Json.JsonElement);

    /// <summary><c>GET /cluster/ha/status/current</c>.</summary>
    public static ApiRequest<IReadOnlyList<HaStatusItem>> HaStatus() => Get("cluster/ha/status/current", Json.IReadOnlyListHaStatusItem);

    /// <summary><c>GET /cluster/ha/groups</c>.</summary>
    public static ApiRequest<IReadOnlyList<HaGroupItem>> HaGroups() => Get("cluster/ha/groups", Json.IReadOnlyListHaGroupItem);

    /// <summary><c>GET /cluster/ha/groups/{group}</c>.</summary>
    public static ApiRequest<HaGroupItem> HaGroup(string group) => Get($"cluster/ha/groups/{Segment(group)}", Json.HaGroupItem);

    /// <summary><c>POST /cluster/ha/groups</c> (data <c>null</c>).</summary>
    public static ApiRequest<JsonElement> CreateHaGroup(string group, HaGroupOptions options) =>
        Post("cluster/ha/groups", Json.JsonElement, HaGroupParameters(options).Add("group", group));

    /// <summary><c>PUT /cluster/ha/groups/{group}</c>; <paramref name="delete"/> resets options to their defaults.</summary>
    public static ApiRequest<JsonElement> UpdateHaGroup(string group, HaGroupOptions? options = null, IEnumerable<string>? delete = null, string? digest = null) =>
        Put($"cluster/ha/groups/{Segment(group)}", Json.JsonElement, HaGroupParameters(options).Add("delete", JoinList(delete)).Add("digest", digest));

    /// <summary><c>DELETE /cluster/ha/groups/{group}</c> (refused while a resource uses it).</summary>
    public static ApiRequest<JsonElement> DeleteHaGroup(string group) => Delete($"cluster/ha/groups/{Segment(group)}", Json.JsonElement);

    private static RequestParameters HaResourceParameters(HaResourceOptions? options) => new RequestParameters()
        .Add("state", options?.State)
        .Add("group", options?.Group)
        .Add("max_restart", options?.MaxRestart)
        .Add("max_relocate", options?.MaxRelocate)
        .Add("failback", options?.Failback)
        .Add("comment", options?.Comment);

    private static RequestParameters HaGroupParameters(HaGroupOptions? options) => new RequestParameters()
        .Add("nodes", options?.Nodes)
        .Add("restricted", options?.Restricted)
        .Add("nofailback", options?.NoFailback)
        .Add("comment", options?.Comment);

    private static string? JoinList(IEnumerable<string>? items) => items?.ToArray() is { Length: > 0 } list ? string.Join(',', list) : null;
}
