using Cordouan.Cli.Infrastructure;
using Cordouan.Client;
using Cordouan.Client.Errors;
using Cordouan.Client.Tasks;

namespace Cordouan.Cli.Commands.Cluster;

/// <summary>
/// The output side of following a join or leave task: log lines and "node restarting" notices in text mode, nothing
/// until the end in JSON mode, and on failure the error (plus, in JSON mode, the log on standard error).
/// </summary>
public static class RestartingTaskFollower
{
    /// <summary>Waits for <paramref name="upid"/> through the node's restart, printing progress in text mode.</summary>
    public static Task<RestartWaitResult> FollowAsync(
        CommandSession session, CordouanClient client, string upid, TimeSpan timeout, Func<CancellationToken, Task<bool>> reauthenticate, CancellationToken cancellationToken,
        Func<string, CancellationToken, Task<bool>>? acceptNewCertificate = null)
    {
        var output = session.Output;
        var node = TaskNode(upid);
        var progress = output.IsJson ? null : new InlineProgress<TaskProgress>(p =>
        {
            foreach (var line in p.NewLines)
            {
                output.WriteLine(line.Text);
            }
        });
        var notices = output.IsJson ? null : new InlineProgress<string>(output.WriteLine);
        var waiter = new RestartTolerantTaskWaiter(client, session.Environment.Time);
        return waiter.WaitAsync(node, upid, reauthenticate, progress, notices, timeout, cancellationToken, acceptNewCertificate);
    }

    /// <summary>The node running the task, read from the UPID the server returned.</summary>
    public static string TaskNode(string upid) =>
        UpidText.TryGetNode(upid, out var node) ? node : throw new CordouanClientException($"The server returned '{upid}', which is not a task id.");

    /// <summary><c>--no-wait</c>: the UPID on standard output (a JSON string in JSON mode), <paramref name="advice"/> on standard error.</summary>
    public static async Task<int> PrintUpidAsync(CommandOutput output, string upid, string advice)
    {
        if (output.IsJson)
        {
            output.WriteJson(writer => writer.WriteStringValue(upid));
        }
        else
        {
            output.WriteLine(upid);
        }
        await output.Error.WriteLineAsync(advice);
        return ExitCodes.Success;
    }

    /// <summary>A task that stopped with an error: its raw status (JSON mode; the log then goes to standard error) and the error.</summary>
    public static async Task<int> ReportFailureAsync(CommandOutput output, RestartWaitResult result, string upid, string description)
    {
        if (output.IsJson)
        {
            if (result.RawStatus is { } raw)
            {
                output.WriteJson(raw);
            }
            foreach (var line in result.Log)
            {
                await output.Error.WriteLineAsync(line.Text);
            }
        }
        await output.Error.WriteLineAsync($"cord: {description} failed: {result.Status?.ExitStatus ?? "unknown error"} ({upid})");
        return ExitCodes.Failure;
    }
}
