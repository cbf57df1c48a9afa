using System.Collections.Concurrent;
using System.Text.Json;
using Cordouan.Core.Cluster;
using Cordouan.Core.Errors;
using Cordouan.Core.Tasks;
using Cordouan.Node.Hosting;
using Microsoft.Extensions.Logging;

namespace Cordouan.Node.Tasks;

/// <summary>
/// Runs long operations as Proxmox tasks: a UPID, an index entry in etcd written before the UPID is returned
/// (so status is readable at once), a log file, and a final <c>TASK OK</c> / <c>TASK ERROR: …</c> line.
/// </summary>
public sealed partial class TaskManager(IClusterStore store, NodeIdentity node, TimeProvider time, ILogger<TaskManager> logger) : IAsyncDisposable
{
    private static readonly TimeSpan FinalStatusPatience = TimeSpan.FromMinutes(10);

    private static readonly long ProcessStartTicks = ReadProcessStartTicks();
    private readonly ConcurrentDictionary<string, (Task Task, CancellationTokenSource Abort)> _running = new();
    private readonly CancellationTokenSource _stopping = new();
    private const int KeepTasks = 2000;
    private const int PruneEvery = 100;
    // Static: a join or leave rebuilds the services (and this manager) inside the same process, and UPIDs must stay unique.
    private static long _sequence;
    private long _finishedSincePrune;

    /// <summary>Starts <paramref name="body"/> as a task and returns its UPID once the task is visible.</summary>
    public async Task<Upid> StartAsync(string type, string id, string user, Func<TaskContext, Task> body, CancellationToken cancellationToken)
    {
        var upid = NewUpid(type, id, user);
        var doc = new TaskDocument { Upid = upid.ToString(), Node = node.NodeName, Type = type, Id = id, User = user, StartTime = upid.StartTime };
        await store.PutAsync(ClusterKeys.Task(upid.ToString()), Serialize(doc), cancellationToken);
        var log = new TaskLog(LogPath(upid));
        var abort = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        var context = new TaskContext(upid, log, abort.Token);
        var task = Task.Run(() => RunAsync(doc, context, log, body), CancellationToken.None);
        _running[upid.ToString()] = (task, abort);
        return upid;
    }

    /// <summary>A fresh UPID of this node, for a task whose body runs later through <see cref="ContinueAsync"/>.</summary>
    /// <summary>Tasks of this node running now.</summary>
    public int RunningCount => _running.Count;

    public Upid NewUpid(string type, string id, string user) =>
        new(node.NodeName, Environment.ProcessId, ProcessStartTicks + Interlocked.Increment(ref _sequence), time.GetUtcNow().ToUnixTimeSeconds(), type, id, user);

    /// <summary>
    /// Continues a task begun before this daemon's services were rebuilt (a cluster join or leave replaces the etcd
    /// keyspace under a running task): indexes it again under the same UPID and runs <paramref name="body"/>,
    /// appending to the same log.
    /// </summary>
    public async Task ContinueAsync(Upid upid, Func<TaskContext, Task> body, CancellationToken cancellationToken)
    {
        var doc = new TaskDocument { Upid = upid.ToString(), Node = node.NodeName, Type = upid.Type, Id = upid.Id, User = upid.User, StartTime = upid.StartTime };
        await store.PutAsync(ClusterKeys.Task(upid.ToString()), Serialize(doc), cancellationToken);
        var log = new TaskLog(LogPath(upid));
        var abort = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        var context = new TaskContext(upid, log, abort.Token);
        var task = Task.Run(() => RunAsync(doc, context, log, body), CancellationToken.None);
        _running[upid.ToString()] = (task, abort);
    }

    /// <summary>Appends a line to a task's log outside its body (for steps taken while no host runs).</summary>
    public void AppendLog(Upid upid, string line) => new TaskLog(LogPath(upid)).Append(line);

    /// <summary>A task's index entry; an unknown UPID is a 400 on <c>upid</c>, as Proxmox answers.</summary>
    public async Task<TaskDocument> GetAsync(string upid, CancellationToken cancellationToken)
    {
        var entry = await store.GetAsync(ClusterKeys.Task(upid), cancellationToken)
            ?? throw new ValidationException("upid", "no such task");
        return JsonSerializer.Deserialize(entry.Value, StateJsonContext.Default.TaskDocument)!;
    }

    /// <summary>Recent tasks of this node, newest first.</summary>
    public async Task<IReadOnlyList<TaskDocument>> ListAsync(CancellationToken cancellationToken)
    {
        var entries = await store.ListAsync(ClusterKeys.TasksPrefix, cancellationToken);
        return entries
            .Select(e => JsonSerializer.Deserialize(e.Value, StateJsonContext.Default.TaskDocument)!)
            .OrderByDescending(t => t.StartTime)
            .ToList();
    }

    /// <summary>Requests cancellation of a running task of this node.</summary>
    public bool Abort(string upid)
    {
        if (_running.TryGetValue(upid, out var running))
        {
            running.Abort.Cancel();
            return true;
        }
        return false;
    }

    /// <summary>Path of a task's log on this node.</summary>
    public string LogPath(Upid upid) => Path.Combine(node.TaskLogDirectory, upid.StartTime.ToString("X8")[^2..], upid.ToString().Replace(':', '_'));

    /// <summary>Waits for a task of this node to finish (bounded by the token).</summary>
    public async Task WaitAsync(Upid upid, CancellationToken cancellationToken)
    {
        if (_running.TryGetValue(upid.ToString(), out var running))
        {
            await running.Task.WaitAsync(cancellationToken);
        }
    }

    private async Task RunAsync(TaskDocument doc, TaskContext context, TaskLog log, Func<TaskContext, Task> body)
    {
        string exit;
        try
        {
            await body(context);
            exit = context.Warnings > 0 ? $"WARNINGS: {context.Warnings}" : "OK";
            log.Append(context.Warnings > 0 ? $"TASK WARNINGS: {context.Warnings}" : "TASK OK");
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            exit = "interrupted by signal";
            log.Append("TASK ERROR: " + exit);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            exit = FirstLine(e is ValidationException v ? string.Join("; ", v.Errors.Select(p => $"{p.Key}: {p.Value}")) : e.Message);
            log.Append("TASK ERROR: " + exit);
            LogTaskFailed(logger, doc.Upid, e);
        }
        var done = doc with
        {
            Status = "stopped",
            ExitStatus = exit,
            EndTime = time.GetUtcNow().ToUnixTimeSeconds(),
            Results = context.Results.Count > 0 ? new Dictionary<string, double>(context.Results, StringComparer.Ordinal) : null,
        };
        TaskMetrics.RecordFinished(doc.Type, exit);
        await RecordFinalStatusAsync(done);
        if (_running.TryRemove(doc.Upid, out var running))
        {
            running.Abort.Dispose();
        }
        if (Interlocked.Increment(ref _finishedSincePrune) % PruneEvery == 0)
        {
            await PruneAsync();
        }
    }

    /// <summary>
    /// Writes a finished task's status. It must land even while the daemon stops (so not with the stopping token), and
    /// a task that ends while this node has no quorum is recorded once quorum is back (retried for up to 10 minutes).
    /// </summary>
    private async Task RecordFinalStatusAsync(TaskDocument done)
    {
        var deadline = time.GetUtcNow() + FinalStatusPatience;
        while (true)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                await store.PutAsync(ClusterKeys.Task(done.Upid), Serialize(done), timeout.Token);
                return;
            }
            catch (QuorumLostException) when (time.GetUtcNow() < deadline && !_stopping.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), time, CancellationToken.None);
            }
            catch (Exception e) when (e is CordouanException or OperationCanceledException)
            {
                LogTaskStatusLost(logger, done.Upid, e);
                return;
            }
        }
    }

    /// <summary>
    /// Keeps the task index bounded (Proxmox rotates its task list too): the newest <see cref="KeepTasks"/> finished
    /// tasks of this node stay, older entries and their log files go. Running tasks are never pruned.
    /// </summary>
    private async Task PruneAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var old = (await ListAsync(timeout.Token))
                .Where(t => t.Node == node.NodeName && t.Status == "stopped")
                .Skip(KeepTasks)
                .ToList();
            foreach (var task in old)
            {
                await store.DeleteAsync(ClusterKeys.Task(task.Upid), timeout.Token);
                if (Upid.TryParse(task.Upid, out var upid))
                {
                    File.Delete(LogPath(upid!));
                }
            }
        }
        catch (Exception e) when (e is CordouanException or OperationCanceledException or IOException)
        {
            LogPruneFailed(logger, e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        var pending = _running.Values.Select(r => r.Task).ToArray();
        await Task.WhenAll(pending).WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stopping.Dispose();
    }

    private static string FirstLine(string message)
    {
        var line = message.Split('\n')[0].Trim();
        return line.Length == 0 ? "unknown error" : line;
    }

    private static byte[] Serialize(TaskDocument doc) => JsonSerializer.SerializeToUtf8Bytes(doc, StateJsonContext.Default.TaskDocument);

    private static long ReadProcessStartTicks()
    {
        try
        {
            var stat = File.ReadAllText("/proc/self/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(fields[19], System.Globalization.CultureInfo.InvariantCulture) << 8;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "Pruning old tasks failed; will retry after more tasks finish")]
    private static partial void LogPruneFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Task {Upid} failed")]
    private static partial void LogTaskFailed(ILogger logger, string upid, Exception exception);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Error, Message = "Could not record the end of task {Upid}; its status stays 'running' in the index")]
    private static partial void LogTaskStatusLost(ILogger logger, string upid, Exception exception);
}
