using System.Text.Json.Nodes;
using Cordouan.Core.Tasks;
using Cordouan.Node.Tasks;

namespace Cordouan.Api.Http;

/// <summary>Task shapes of spec §4: status objects (exitstatus absent while running) and list items.</summary>
public static class TaskJson
{
    public static JsonObject Status(TaskDocument task)
    {
        var result = Common(task);
        result["status"] = task.Status;
        if (task.ExitStatus is not null && task.Status == "stopped")
        {
            result["exitstatus"] = task.ExitStatus;
        }
        if (task.Results is { Count: > 0 } figures)
        {
            // Extension: what the task measured (e.g. a migration's downtime_ms); Proxmox clients ignore it.
            var results = new JsonObject();
            foreach (var (name, value) in figures.OrderBy(f => f.Key, StringComparer.Ordinal))
            {
                results[name] = value;
            }
            result["results"] = results;
        }
        return result;
    }

    public static JsonObject ListItem(TaskDocument task)
    {
        var result = Common(task);
        if (task.Status == "stopped")
        {
            result["status"] = task.ExitStatus;
            if (task.EndTime is { } end)
            {
                result["endtime"] = end;
            }
        }
        else
        {
            result["status"] = "RUNNING";
        }
        return result;
    }

    private static JsonObject Common(TaskDocument task)
    {
        var upid = Upid.TryParse(task.Upid, out var parsed) ? parsed : null;
        var user = task.User;
        var result = new JsonObject
        {
            ["upid"] = task.Upid,
            ["node"] = task.Node,
            ["pid"] = upid?.Pid ?? 0,
            ["pstart"] = upid?.PStart ?? 0,
            ["starttime"] = task.StartTime,
            ["type"] = task.Type,
            ["id"] = task.Id,
            ["user"] = user.Split('!')[0],
        };
        if (user.Contains('!', StringComparison.Ordinal))
        {
            result["tokenid"] = user.Split('!', 2)[1];
        }
        return result;
    }
}
