using System.CommandLine;
using Cordouan.Cli.Infrastructure;
using Cordouan.Client.Requests;

namespace Cordouan.Cli.Commands.Tasks;

/// <summary><c>cord task list [--node N] [--limit N] [--vmid N]</c>.</summary>
public sealed class TaskListCommand : Command
{
    private readonly CliHost _host;
    private readonly Option<string?> _node = new("--node") { Description = "Node whose tasks to list (default: the node you are connected to)" };
    private readonly Option<int?> _limit = new("--limit") { Description = "At most this many tasks (daemon default 50)" };
    private readonly Option<int?> _vmid = new("--vmid") { Description = "Only tasks of this VM" };

    public TaskListCommand(CliHost host)
        : base("list", "List recent tasks of a node")
    {
        _host = host;
        Add(_node);
        Add(_limit);
        Add(_vmid);
        SetAction((parseResult, cancellationToken) => RunAsync(parseResult, cancellationToken));
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var session = _host.OpenSession(parseResult);
        var client = await session.ConnectAsync(cancellationToken);
        var node = parseResult.GetValue(_node) ?? await client.GetLocalNodeAsync(cancellationToken);
        await session.Output.ShowAsync(client, ApiRequests.ListTasks(node, parseResult.GetValue(_limit), parseResult.GetValue(_vmid)), tasks =>
            session.Output.WriteTable(
                ["STARTED", "ENDED", "TYPE", "ID", "USER", "STATUS", "UPID"],
                tasks.OrderByDescending(t => t.StartTime).Select(t => new[]
                {
                    Formatting.UnixTime(t.StartTime), Formatting.UnixTime(t.EndTime), t.Type, t.Id, t.User, t.Status ?? "RUNNING", t.Upid,
                })),
            cancellationToken);
        return ExitCodes.Success;
    }
}
