using System.CommandLine;
using Cordouan.Cli.Infrastructure;
using Cordouan.Client.Requests;

namespace Cordouan.Cli.Commands.Ha;

/// <summary><c>cord ha status</c>: quorum, the cluster manager, each node's local manager and each HA VM's state.</summary>
public sealed class HaStatusCommand : Command
{
    private readonly CliHost _host;

    public HaStatusCommand(CliHost host)
        : base("status", "Show the HA managers and the state of each HA VM")
    {
        _host = host;
        SetAction((parseResult, cancellationToken) => RunAsync(parseResult, cancellationToken));
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var session = _host.OpenSession(parseResult);
        var client = await session.ConnectAsync(cancellationToken);
        await session.Output.ShowAsync(client, ApiRequests.HaStatus(), items =>
            session.Output.WriteTable(
                ["TYPE", "ID", "NODE", "STATUS", "MESSAGE"],
                items.Select(i => new[] { i.Type, i.Id, i.Node, i.State ?? i.Status, i.Message })),
            cancellationToken);
        return ExitCodes.Success;
    }
}
