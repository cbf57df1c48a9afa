using Cordouan.Contracts.Tasks;

namespace Cordouan.Client.Requests;

public static partial class ApiRequests
{
    /// <summary><c>GET /nodes/{node}/tasks/{upid}/status</c>.</summary>
    public static ApiRequest<TaskStatusInfo> TaskStatus(string node, string upid) =>
        Get($"nodes/{Segment(node)}/tasks/{Segment(upid)}/status", Json.TaskStatusInfo);

    /// <summary><c>GET /nodes/{node}/tasks/{upid}/log?start=&amp;limit=</c>; <paramref name="start"/> is the 0-based offset.</summary>
    public static ApiRequest<IReadOnlyList<TaskLogLine>> TaskLog(string node, string upid, long start = 0, int limit = 500) =>
        Get($"nodes/{Segment(node)}/tasks/{Segment(upid)}/log", Json.IReadOnlyListTaskLogLine,
            new RequestParameters().Add("start", start).Add("limit", limit));

    /// <summary><c>GET /nodes/{node}/tasks</c>.</summary>
    public static ApiRequest<IReadOnlyList<TaskListItem>> ListTasks(string node, int? limit = null, int? vmid = null, string? source = null) =>
        Get($"nodes/{Segment(node)}/tasks", Json.IReadOnlyListTaskListItem,
            new RequestParameters().Add("limit", limit).Add("vmid", vmid).Add("source", source));
}
