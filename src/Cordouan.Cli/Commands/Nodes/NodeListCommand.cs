using System.CommandLine;
using Cordouan.Cli.Infrastructure;
using Cordouan.Client.Requests;

namespace Cordouan.Cli.Commands.Nodes;

/// <summary><c>cord node list</c>.</summary>
public sealed class NodeListCommand : Command
{
    private readonly CliHost _host;

    public NodeListCommand(CliHost host)
        : base("list", "List the cluster's nodes")
    {
        _host = host;
        SetAction((parseResult, cancellationToken) => RunAsync(parseResult, cancellationToken));
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var session = _host.OpenSession(parseResult);
        var client = await session.ConnectAsync(cancellationToken);
        await session.Output.ShowAsync(client, ApiRequests.Nodes(), nodes =>
            session.Output.WriteTable(
                ["NODE", "STATUS", "CPU", "MEMORY", "DISK", "UPTIME"],
                nodes.OrderBy(n => n.Node, StringComparer.Ordinal).Select(n => new[]
                {
                    n.Node, n.Maintenance == true ? $"{n.Status} (maintenance)" : n.Status,
                    n.Cpu is null ? null : $"{Formatting.Percent(n.Cpu)} of {n.MaxCpu}",
                    n.MaxMem is null ? null : $"{Formatting.Bytes(n.Mem)} / {Formatting.Bytes(n.MaxMem)}",
                    n.MaxDisk is null ? null : $"{Formatting.Bytes(n.Disk)} / {Formatting.Bytes(n.MaxDisk)}",
                    Formatting.Duration(n.Uptime),
                })),
            cancellationToken);
        return ExitCodes.Success;
    }
}
