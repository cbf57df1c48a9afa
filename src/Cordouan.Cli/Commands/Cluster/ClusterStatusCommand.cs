using System.CommandLine;
using Cordouan.Cli.Infrastructure;
using Cordouan.Client.Requests;

namespace Cordouan.Cli.Commands.Cluster;

/// <summary><c>cord cluster status</c>: quorum and the nodes' membership.</summary>
public sealed class ClusterStatusCommand : Command
{
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
            foreach (var cluster in items.Where(i => i.Type == "cluster"))
            {
                session.Output.WriteLine($"Cluster {cluster.Name}: {cluster.Nodes} node(s), quorate: {Formatting.YesNo(cluster.Quorate)}");
            }
            session.Output.WriteTable(
                ["NODE", "ID", "IP", "ONLINE", "LOCAL"],
                items.Where(i => i.Type == "node").OrderBy(i => i.Name, StringComparer.Ordinal).Select(i => new[]
                {
                    i.Name, i.NodeId?.ToString(System.Globalization.CultureInfo.InvariantCulture), i.Ip, Formatting.YesNo(i.Online), i.Local == true ? "*" : string.Empty,
                }));
        }, cancellationToken);
        return ExitCodes.Success;
    }
}
