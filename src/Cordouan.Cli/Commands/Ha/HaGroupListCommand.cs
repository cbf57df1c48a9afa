using System.CommandLine;
using Cordouan.Cli.Infrastructure;
using Cordouan.Client.Requests;

namespace Cordouan.Cli.Commands.Ha;

/// <summary><c>cord ha group list</c>.</summary>
public sealed class HaGroupListCommand : Command
{
    private readonly CliHost _host;

    public HaGroupListCommand(CliHost host)
        : base("list", "List the HA groups")
    {
        _host = host;
        SetAction((parseResult, cancellationToken) => RunAsync(parseResult, cancellationToken));
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var session = _host.OpenSession(parseResult);
        var client = await session.ConnectAsync(cancellationToken);
        await session.Output.ShowAsync(client, ApiRequests.HaGroups(), items =>
            session.Output.WriteTable(
                ["GROUP", "NODES", "RESTRICTED", "NOFAILBACK", "COMMENT"],
                items.OrderBy(g => g.Group, StringComparer.Ordinal).Select(g => new[]
                {
                    g.Group, g.Nodes, Formatting.YesNo(g.Restricted), Formatting.YesNo(g.NoFailback), g.Comment,
                })),
            cancellationToken);
        return ExitCodes.Success;
    }
}
