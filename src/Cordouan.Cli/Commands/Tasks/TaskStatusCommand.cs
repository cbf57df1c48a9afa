using System.CommandLine;
using System.Globalization;
using Cordouan.Cli.Infrastructure;
using Cordouan.Client.Requests;
using Cordouan.Client.Tasks;

namespace Cordouan.Cli.Commands.Tasks;

/// <summary><c>cord task status &lt;upid&gt;</c>.</summary>
public sealed class TaskStatusCommand : Command
{
    private readonly CliHost _host;
    private readonly Argument<string> _upid = TaskCommand.UpidArgument();

    public TaskStatusCommand(CliHost host)
        : base("status", "Show whether a task runs and how it ended")
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
        await session.Output.ShowAsync(client, ApiRequests.TaskStatus(UpidText.GetNode(upid), upid), s =>
            session.Output.WriteProperties(
            [
                ("upid", s.Upid),
                ("node", s.Node),
                ("type", s.Type),
                ("id", s.Id),
                ("user", s.User),
                ("started", Formatting.UnixTime(s.StartTime)),
                ("pid", s.Pid?.ToString(CultureInfo.InvariantCulture)),
                ("status", s.Status),
                ("exit status", s.ExitStatus),
            ]),
            cancellationToken);
        return ExitCodes.Success;
    }
}
