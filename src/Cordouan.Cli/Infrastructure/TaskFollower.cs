using System.Text.Json;
using Cordouan.Client;
using Cordouan.Client.Requests;
using Cordouan.Client.Tasks;
using Cordouan.Contracts.Tasks;
using Spectre.Console;

namespace Cordouan.Cli.Infrastructure;

/// <summary>
/// What task-starting commands do with the UPID they get: print it (<c>--no-wait</c>) or wait for the task with a
/// spinner and its log lines, then exit 0 on <c>OK</c>/<c>WARNINGS</c> and 1 with the task's error otherwise.
/// </summary>
public static class TaskFollower
{
    /// <summary>Handles a freshly started task according to <paramref name="wait"/>.</summary>
    public static async Task<int> CompleteAsync(
        CommandSession session, CordouanClient client, string upid, TaskWaitSettings wait, string description, CancellationToken cancellationToken)
    {
        var output = session.Output;
        if (wait.NoWait)
        {
            if (output.IsJson)
            {
                output.WriteJson(writer => writer.WriteStringValue(upid));
            }
            else
            {
                output.WriteLine(upid);
            }
            return ExitCodes.Success;
        }
        return await FollowAsync(session, client, upid, wait.Timeout, description, cancellationToken);
    }

    /// <summary>Waits for a task, streaming its log in text mode; in JSON mode prints the final raw status.</summary>
    public static async Task<int> FollowAsync(
        CommandSession session, CordouanClient client, string upid, TimeSpan timeout, string description, CancellationToken cancellationToken)
    {
        var output = session.Output;
        string node;
        try
        {
            node = UpidText.GetNode(upid);
        }
        catch (FormatException ex)
        {
            throw new CliUsageException(ex.Message);
        }
        TaskStatusInfo status;
        if (output.IsJson)
        {
            status = await client.WaitForTaskAsync(node, upid, null, timeout, cancellationToken);
            output.WriteJson(await client.SendForDataAsync(ApiRequests.TaskStatus(node, upid), cancellationToken));
        }
        else if (output.Console.Profile.Capabilities.Interactive)
        {
            status = await output.Console.Status().StartAsync(Markup.Escape(description) + "…", async context =>
            {
                var progress = new InlineProgress<TaskProgress>(p => PrintLines(output, p.NewLines));
                return await client.WaitForTaskAsync(node, upid, progress, timeout, cancellationToken);
            });
        }
        else
        {
            var progress = new InlineProgress<TaskProgress>(p => PrintLines(output, p.NewLines));
            status = await client.WaitForTaskAsync(node, upid, progress, timeout, cancellationToken);
        }
        if (status.IsSuccessful)
        {
            return ExitCodes.Success;
        }
        await output.Error.WriteLineAsync($"cord: {description} failed: {status.ExitStatus ?? "unknown error"} ({upid})");
        return ExitCodes.Failure;
    }

    private static void PrintLines(CommandOutput output, IReadOnlyList<TaskLogLine> lines)
    {
        foreach (var line in lines)
        {
            output.WriteLine(line.Text);
        }
    }

    /// <summary>Serialises typed log lines in the API's own shape (<c>[{"n":1,"t":"…"}]</c>).</summary>
    public static void WriteLogJson(CommandOutput output, IReadOnlyList<TaskLogLine> lines) =>
        output.WriteJson(writer => JsonSerializer.Serialize(writer, lines, Contracts.Json.ContractsJsonContext.Default.IReadOnlyListTaskLogLine));
}
