using System.CommandLine;
using Cordouan.Cli.Infrastructure;
using Cordouan.Client.Requests;
using Spectre.Console;

namespace Cordouan.Cli.Commands.Cluster;

/// <summary><c>cord cluster status</c>: quorum, votes, warnings and the nodes' membership (leader, witness, online).</summary>
public sealed class ClusterStatusCommand : Command
{
    private static readonly Style Prominent = new(Color.Yellow, decoration: Decoration.Bold);
    private readonly CliHost _host;

    public ClusterStatusCommand(CliHost host)
        : base("status", "Show cluster quorum and node membership")
    {
        _host = host;
        SetAction((parseResult, cancellationToken) => RunAsync(parseResult, cancellationToken));
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var session = _host.OpenSession(parseResult);
        var client = await session.ConnectAsync(cancellationToken);
        await session.Output.ShowAsync(client, ApiRequests.ClusterStatus(), items =>
        {
            var view = ClusterStatusView.From(items);
            session.Output.WriteLine(view.Header);
            foreach (var warning in view.Warnings)
            {
                session.Output.Console.Write(new Text($"WARNING: {warning}\n", Prominent));
            }
            if (view.StaleNote is not null)
            {
                session.Output.Console.Write(new Text(view.StaleNote + "\n", Prominent));
            }
            session.Output.WriteTable(ClusterStatusView.Columns, view.Rows);
        }, cancellationToken);
        return ExitCodes.Success;
    }
}
