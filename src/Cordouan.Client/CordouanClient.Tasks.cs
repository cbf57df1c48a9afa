using Cordouan.Client.Requests;
using Cordouan.Client.Tasks;
using Cordouan.Contracts.Tasks;

namespace Cordouan.Client;

public sealed partial class CordouanClient
{
    private const int LogPageSize = 500;

    /// <summary><c>GET /nodes/{node}/tasks/{upid}/status</c>.</summary>
    public Task<TaskStatusInfo> GetTaskStatusAsync(string node, string upid, CancellationToken cancellationToken) =>
        SendAsync(ApiRequests.TaskStatus(node, upid), cancellationToken);

    /// <summary><c>GET …/tasks/{upid}/log</c> from 0-based line <paramref name="start"/>.</summary>
    public Task<IReadOnlyList<TaskLogLine>> GetTaskLogAsync(string node, string upid, long start, int limit, CancellationToken cancellationToken) =>
        SendAsync(ApiRequests.TaskLog(node, upid, start, limit), cancellationToken);

    /// <summary>Every log line of a task from 0-based line <paramref name="start"/>, paging until the end.</summary>
    public async Task<IReadOnlyList<TaskLogLine>> GetTaskLogToEndAsync(string node, string upid, long start, CancellationToken cancellationToken)
    {
        var lines = new List<TaskLogLine>();
        while (true)
        {
            var page = await GetTaskLogAsync(node, upid, start + lines.Count, LogPageSize, cancellationToken);
            lines.AddRange(page);
            if (page.Count < LogPageSize)
            {
                return lines;
            }
        }
    }

    /// <summary><c>GET /nodes/{node}/tasks</c>.</summary>
    public Task<IReadOnlyList<TaskListItem>> ListTasksAsync(string node, int? limit, int? vmid, CancellationToken cancellationToken) =>
        SendAsync(ApiRequests.ListTasks(node, limit, vmid), cancellationToken);

    /// <summary>Waits for a task started on any node, reading the node from the UPID.</summary>
    public Task<TaskStatusInfo> WaitForTaskAsync(string upid, IProgress<TaskProgress>? progress, TimeSpan timeout, CancellationToken cancellationToken) =>
        WaitForTaskAsync(UpidText.GetNode(upid), upid, progress, timeout, cancellationToken);

    /// <summary>
    /// Polls a task's status (every <see cref="CordouanClientOptions.TaskPollInterval"/>) until it stops, reporting new
    /// log lines as they appear; returns the final status, successful or not. Throws <see cref="TimeoutException"/>
    /// when <paramref name="timeout"/> passes first.
    /// </summary>
    public async Task<TaskStatusInfo> WaitForTaskAsync(
        string node, string upid, IProgress<TaskProgress>? progress, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var time = _options.TimeProvider;
        using var timeoutSource = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        var seenLines = 0L;
        TaskStatusInfo? last = null;
        try
        {
            while (true)
            {
                // Status first: once it says stopped, the log read after it is complete.
                last = await GetTaskStatusAsync(node, upid, linked.Token);
                var lines = await GetTaskLogToEndAsync(node, upid, seenLines, linked.Token);
                seenLines += lines.Count;
                progress?.Report(new TaskProgress(last, lines));
                if (last.IsFinished)
                {
                    return last;
                }
                await Task.Delay(_options.TaskPollInterval, time, linked.Token);
            }
        }
        catch (OperationCanceledException ex) when (timeoutSource.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException(
                $"Task {upid} did not finish within {timeout.TotalSeconds:0} s (last status: {last?.Status ?? "unknown"}).", ex);
        }
    }
}
