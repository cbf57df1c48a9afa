using System.CommandLine;
using Cordouan.Cli.Infrastructure;

namespace Cordouan.Cli.Commands.Cluster;

/// <summary><c>--no-wait</c> and <c>--wait-timeout</c> for tasks during which the node restarts its services (join, leave).</summary>
public sealed class RestartWaitOptions
{
    /// <summary>How long to wait by default, restart included.</summary>
    public const int DefaultTimeoutSeconds = 120;

    public RestartWaitOptions(Command command)
    {
        command.Add(NoWait);
        command.Add(WaitTimeout);
    }

    public Option<bool> NoWait { get; } = new("--no-wait")
    {
        Description = "Print the task id (UPID) and return without waiting (the current login stops working during the task)",
    };

    public Option<int> WaitTimeout { get; } = new("--wait-timeout")
    {
        Description = "Stop waiting after this many seconds, node restart included",
        DefaultValueFactory = _ => DefaultTimeoutSeconds,
    };

    public TaskWaitSettings Read(ParseResult parseResult) =>
        new(parseResult.GetValue(NoWait), TimeSpan.FromSeconds(Math.Max(1, parseResult.GetValue(WaitTimeout))));
}
