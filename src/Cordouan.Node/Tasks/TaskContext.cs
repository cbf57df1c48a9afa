using Cordouan.Core.Tasks;

namespace Cordouan.Node.Tasks;

/// <summary>What a running task's body can do: write log lines and count warnings. Lines go to the task's log file.</summary>
public sealed class TaskContext
{
    private readonly TaskLog? _log;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, double> _results = new(StringComparer.Ordinal);

    internal TaskContext(Upid upid, TaskLog? log, CancellationToken cancellationToken)
    {
        Upid = upid;
        _log = log;
        CancellationToken = cancellationToken;
    }

    public Upid Upid { get; }

    /// <summary>Cancelled when the task is aborted or the daemon stops.</summary>
    public CancellationToken CancellationToken { get; }

    public int Warnings { get; private set; }

    /// <summary>What <see cref="Record"/> collected; stored on the task when it ends.</summary>
    public IReadOnlyDictionary<string, double> Results => _results;

    /// <summary>Keeps a measured figure (snake_case name, unit in the name: <c>downtime_ms</c>) with the task.</summary>
    public void Record(string name, double value) => _results[name] = value;

    /// <summary>A context for work done inside a synchronous API call: log lines are dropped.</summary>
    public static TaskContext Detached(CancellationToken cancellationToken) =>
        new(new Upid("local", 0, 0, 0, "sync", "", "root@pam"), null, cancellationToken);

    public void Log(string line) => _log?.Append(line);

    public void Warn(string line)
    {
        Warnings++;
        _log?.Append("WARN: " + line);
    }
}
