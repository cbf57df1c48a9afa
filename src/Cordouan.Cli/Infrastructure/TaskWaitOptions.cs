using System.CommandLine;

namespace Cordouan.Cli.Infrastructure;

/// <summary><c>--no-wait</c> and <c>--wait-timeout</c>, added to every command that starts a task.</summary>
public sealed class TaskWaitOptions
{
    public TaskWaitOptions(Command command)
    {
        command.Add(NoWait);
        command.Add(WaitTimeout);
    }

    public Option<bool> NoWait { get; } = new("--no-wait")
    {
        Description = "Print the task id (UPID) and return without waiting for the task",
    };

    public Option<int> WaitTimeout { get; } = new("--wait-timeout")
    {
        Description = "Stop waiting for the task after this many seconds",
        DefaultValueFactory = _ => 1800,
    };

    public TaskWaitSettings Read(ParseResult parseResult) =>
        new(parseResult.GetValue(NoWait), TimeSpan.FromSeconds(Math.Max(1, parseResult.GetValue(WaitTimeout))));
}
