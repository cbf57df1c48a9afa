using System.CommandLine;
using Cordouan.Cli.Infrastructure;
using Cordouan.Client.Requests;
using Cordouan.Contracts.Cluster;

namespace Cordouan.Cli.Commands.Cluster;

/// <summary><c>cord cluster resources [--type vm|node|storage|sdn]</c>.</summary>
public sealed class ClusterResourcesCommand : Command
{
    private readonly CliHost _host;

    private readonly Option<string?> _type = new("--type", "-t")
    {
        Description = "Only this kind of resource",
    };

    public ClusterResourcesCommand(CliHost host)
        : base("resources", "List VMs, nodes and storages across the cluster")
    {
        _host = host;
        _type.AcceptOnlyFromAmong("vm", "node", "storage", "sdn");
        Add(_type);
        SetAction((parseResult, cancellationToken) => RunAsync(parseResult, cancellationToken));
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var session = _host.OpenSession(parseResult);
        var client = await session.ConnectAsync(cancellationToken);
        await session.Output.ShowAsync(client, ApiRequests.ClusterResources(parseResult.GetValue(_type)), items =>
            session.Output.WriteTable(
                ["ID", "TYPE", "NODE", "NAME", "STATUS", "CPU", "MEMORY", "DISK", "UPTIME"],
                items.OrderBy(i => i.Type, StringComparer.Ordinal).ThenBy(i => i.Id, StringComparer.Ordinal).Select(Row)),
            cancellationToken);
        return ExitCodes.Success;
    }

    private static string?[] Row(ClusterResource r) =>
    [
        r.Id, r.Type, r.Node, r.Name ?? r.Storage, r.Status,
        r.Cpu is null ? null : Formatting.Percent(r.Cpu),
        r.MaxMem is null ? null : $"{Formatting.Bytes(r.Mem)} / {Formatting.Bytes(r.MaxMem)}",
        r.MaxDisk is null ? null : $"{Formatting.Bytes(r.Disk)} / {Formatting.Bytes(r.MaxDisk)}",
        Formatting.Duration(r.Uptime),
    ];
}
