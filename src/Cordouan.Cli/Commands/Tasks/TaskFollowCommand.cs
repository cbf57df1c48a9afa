using System.CommandLine;
using Cordouan.Cli.Infrastructure;

namespace Cordouan.Cli.Commands.Tasks;

/// <summary><c>cord task follow &lt;upid&gt;</c>: streams the log until the task ends; exits 1 if it failed.</summary>
public sealed class TaskFollowCommand : Command
{
    private readonly CliHost _host;
    private readonly Argument<string> _upid = TaskCommand.UpidArgument();
    private readonly Option<int> _timeout = new("--wait-timeout") { Description = "Stop waiting after this many seconds", DefaultValueFactory = _ => 1800 };

    public TaskFollowCommand(CliHost host)
        : base("follow", "Stream a task's log until it ends")
    {
        _host = host;
        Add(_upid);
        Add(_timeout);
        SetAction((parseResult, cancellationToken) => RunAsync(parseResult, cancellationToken));
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var session = _host.OpenSession(parseResult);
        var client = await session.ConnectAsync(cancellationToken);
        var upid = parseResult.GetRequiredValue(_upid);
        var timeout = TimeSpan.FromSeconds(Math.Max(1, parseResult.GetValue(_timeout)));
        return await TaskFollower.FollowAsync(session, client, upid, timeout, "Task", cancellationToken);
    }
}
