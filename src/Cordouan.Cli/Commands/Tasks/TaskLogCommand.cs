using System.CommandLine;
using Cordouan.Cli.Infrastructure;
using Cordouan.Client.Tasks;

namespace Cordouan.Cli.Commands.Tasks;

/// <summary><c>cord task log &lt;upid&gt;</c>: the whole log so far.</summary>
public sealed class TaskLogCommand : Command
{
    private readonly CliHost _host;
    private readonly Argument<string> _upid = TaskCommand.UpidArgument();

    public TaskLogCommand(CliHost host)
        : base("log", "Print a task's log")
    {
        _host = host;
        Add(_upid);
        SetAction((parseResult, cancellationToken) => RunAsync(parseResult, cancellationToken));
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var session = _host.OpenSession(parseResult);
        var client = await session.ConnectAsync(cancellationToken);
        var upid = parseResult.GetRequiredValue(_upid);
        var lines = await client.GetTaskLogToEndAsync(UpidText.GetNode(upid), upid, 0, cancellationToken);
        if (session.Output.IsJson)
        {
            TaskFollower.WriteLogJson(session.Output, lines);
        }
        else
        {
            foreach (var line in lines)
            {
                session.Output.WriteLine(line.Text);
            }
        }
        return ExitCodes.Success;
    }
}
