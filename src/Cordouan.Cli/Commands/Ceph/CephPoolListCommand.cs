using System.CommandLine;
using System.Globalization;
using Cordouan.Cli.Infrastructure;
using Cordouan.Client.Requests;

namespace Cordouan.Cli.Commands.Ceph;

/// <summary><c>cord ceph pool list</c>.</summary>
public sealed class CephPoolListCommand : Command
{
    private readonly CliHost _host;
    private readonly CephNodeOption _node;

    public CephPoolListCommand(CliHost host)
        : base("list", "List pools with their replication and usage")
    {
        _host = host;
        _node = new CephNodeOption(this);
        SetAction((parseResult, cancellationToken) => RunAsync(parseResult, cancellationToken));
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var session = _host.OpenSession(parseResult);
        var client = await session.ConnectAsync(cancellationToken);
        var node = await _node.ResolveAsync(parseResult, client, cancellationToken);
        await session.Output.ShowAsync(client, ApiRequests.CephPools(node), pools =>
            session.Output.WriteTable(
                ["POOL", "SIZE", "MIN", "PGS", "AUTOSCALE", "RULE", "USED"],
                pools.OrderBy(p => p.PoolName, StringComparer.Ordinal).Select(p => new[]
                {
                    p.PoolName, Text(p.Size), Text(p.MinSize), Text(p.PgNum), p.PgAutoscaleMode, p.CrushRuleName, Formatting.Bytes(p.BytesUsed),
                })),
            cancellationToken);
        return ExitCodes.Success;
    }

    private static string? Text(int? value) => value?.ToString(CultureInfo.InvariantCulture);
}
