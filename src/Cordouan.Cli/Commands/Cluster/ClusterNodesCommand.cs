using System.CommandLine;
using System.Globalization;
using Cordouan.Cli.Infrastructure;
using Cordouan.Client.Requests;

namespace Cordouan.Cli.Commands.Cluster;

/// <summary><c>cord cluster nodes</c>: the configured members, their votes and addresses.</summary>
public sealed class ClusterNodesCommand : Command
{
    private readonly CliHost _host;

    public ClusterNodesCommand(CliHost host)
        : base("nodes", "List the cluster's configured members (votes, addresses, witness)")
    {
        _host = host;
        SetAction((parseResult, cancellationToken) => RunAsync(parseResult, cancellationToken));
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var session = _host.OpenSession(parseResult);
        var client = await session.ConnectAsync(cancellationToken);
        await session.Output.ShowAsync(client, ApiRequests.ClusterConfigNodes(), nodes =>
            session.Output.WriteTable(
                ["NODE", "ID", "VOTES", "CLUSTER ADDRESS", "API ADDRESS", "WITNESS", "ONLINE"],
                nodes.OrderBy(n => n.Node, StringComparer.Ordinal).Select(n => new[]
                {
                    n.Node, n.NodeId?.ToString(CultureInfo.InvariantCulture), n.QuorumVotes?.ToString(CultureInfo.InvariantCulture),
                    n.Ring0Address, n.ApiAddress, n.Witness == true ? "*" : string.Empty, Formatting.YesNo(n.Online),
                })),
            cancellationToken);
        return ExitCodes.Success;
    }
}
