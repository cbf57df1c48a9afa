using System.Text.Json.Nodes;
using Cordouan.Access;
using Cordouan.Api.Auth;
using Cordouan.Api.Endpoints.Nodes;
using Cordouan.Api.Http;
using Cordouan.Core.Errors;
using Cordouan.Core.Tasks;
using Cordouan.Node.Hosting;
using Cordouan.Node.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Cordouan.Api.Endpoints.Tasks;

/// <summary><c>/nodes/{node}/tasks</c>: list, status, log, abort (spec §4).</summary>
public static class TaskEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var tasks = app.MapGroup("/api2/json/nodes/{node}/tasks");
        tasks.MapGet("", ListAsync);
        tasks.MapGet("/{upid}", IndexAsync);
        tasks.MapGet("/{upid}/status", StatusAsync);
        tasks.MapGet("/{upid}/log", LogAsync);
        tasks.MapDelete("/{upid}", AbortAsync);
    }

    private static async Task<IResult> ListAsync(HttpContext http, string node, NodeIdentity identity, TaskManager tasks, IAccessGuard guard)
    {
        var reader = await ParamReader.ReadAsync(http, new Dictionary<string, string> { ["node"] = node });
        var start = (int)(reader.Integer("start", 0) ?? 0);
        var limit = (int)(reader.Integer("limit", 0) ?? 50);
        var vmid = reader.String("vmid");
        var typeFilter = reader.String("typefilter");
        var userFilter = reader.String("userfilter");
        var statusFilter = reader.String("statusfilter");
        var errorsOnly = reader.Boolean("errors") ?? false;
        var since = reader.Integer("since");
        var until = reader.Integer("until");
        reader.Enum("source", ["archive", "active", "all"]);
        reader.Validate();
        NodeEndpoints.EnsureLocal(node, identity);
        var caller = http.GetCaller();
        var canSeeAll = await guard.HasAsync(caller, "/nodes/" + node, "Sys.Audit", http.RequestAborted);
        var selected = (await tasks.ListAsync(http.RequestAborted))
            .Where(t => t.Node == node)
            .Where(t => canSeeAll || IsOwner(t.User, caller))
            .Where(t => vmid is null || t.Id == vmid)
            .Where(t => typeFilter is null || t.Type == typeFilter)
            .Where(t => userFilter is null || t.User.Contains(userFilter, StringComparison.Ordinal))
            .Where(t => statusFilter is null || (statusFilter.Contains("active", StringComparison.Ordinal) && t.Status == "running") || (statusFilter.Contains("ok", StringComparison.Ordinal) && t.ExitStatus == "OK") || (statusFilter.Contains("error", StringComparison.Ordinal) && t.ExitStatus is not null and not "OK"))
            .Where(t => !errorsOnly || (t.ExitStatus is not null && t.ExitStatus != "OK"))
            .Where(t => since is null || t.StartTime >= since)
            .Where(t => until is null || t.StartTime <= until)
            .ToList();
        var items = new JsonArray(selected.Skip(start).Take(limit).Select(t => (JsonNode?)TaskJson.ListItem(t)).ToArray());
        return PveResult.List(items, selected.Count);
    }

    private static async Task<IResult> IndexAsync(HttpContext http, string node, string upid, TaskManager tasks, IAccessGuard guard)
    {
        await ReadTaskAsync(http, node, upid, tasks, guard);
        return PveResult.List([new JsonObject { ["name"] = "log" }, new JsonObject { ["name"] = "status" }]);
    }

    private static async Task<IResult> StatusAsync(HttpContext http, string node, string upid, TaskManager tasks, IAccessGuard guard)
    {
        var task = await ReadTaskAsync(http, node, upid, tasks, guard);
        return PveResult.Ok(TaskJson.Status(task));
    }

    private static async Task<IResult> LogAsync(HttpContext http, string node, string upid, TaskManager tasks, IAccessGuard guard)
    {
        var reader = await ParamReader.ReadAsync(http, new Dictionary<string, string> { ["node"] = node, ["upid"] = upid });
        var start = (int)(reader.Integer("start", 0) ?? 0);
        var limit = (int)(reader.Integer("limit", 0) ?? 50);
        reader.Boolean("download");
        var task = await ReadTaskAsync(http, node, upid, tasks, guard, reader: reader);
        var parsed = Upid.TryParse(task.Upid, out var p) ? p! : throw new ValidationException("upid", "unable to parse worker upid");
        var (lines, total) = TaskLog.Read(tasks.LogPath(parsed), start, limit);
        var items = new JsonArray(lines.Select((line, i) => (JsonNode?)new JsonObject { ["n"] = start + i + 1, ["t"] = line }).ToArray());
        return PveResult.List(items, total);
    }

    /// <summary>Proxmox's stop_task: the task's owner, or Sys.Modify on the node (Sys.Audit lets one watch, not stop).</summary>
    private static async Task<IResult> AbortAsync(HttpContext http, string node, string upid, TaskManager tasks, IAccessGuard guard)
    {
        await ReadTaskAsync(http, node, upid, tasks, guard, privilege: "Sys.Modify");
        tasks.Abort(upid);
        return PveResult.Ok((JsonNode?)null);
    }

    /// <summary>Finds the task and checks the caller owns it or holds <paramref name="privilege"/> on its node.</summary>
    private static async Task<TaskDocument> ReadTaskAsync(
        HttpContext http, string node, string upid, TaskManager tasks, IAccessGuard guard, string privilege = "Sys.Audit", ParamReader? reader = null)
    {
        reader ??= await ParamReader.ReadAsync(http, new Dictionary<string, string> { ["node"] = node, ["upid"] = upid });
        reader.Validate();
        if (!Upid.TryParse(upid, out _))
        {
            throw new ValidationException("upid", "unable to parse worker upid");
        }
        var task = await tasks.GetAsync(upid, http.RequestAborted);
        var caller = http.GetCaller();
        if (!IsOwner(task.User, caller) && !await guard.HasAsync(caller, "/nodes/" + task.Node, privilege, http.RequestAborted))
        {
            throw new PermissionDeniedException("/nodes/" + task.Node, privilege);
        }
        return task;
    }

    /// <summary>Proxmox's check_task_user: a user owns its tasks and its tokens' tasks; a token owns only its own.</summary>
    internal static bool IsOwner(string taskUser, AccessIdentity caller)
    {
        var bang = taskUser.IndexOf('!', StringComparison.Ordinal);
        return taskUser == caller.Name || (bang > 0 && !caller.IsToken && taskUser[..bang] == caller.UserId);
    }
}
