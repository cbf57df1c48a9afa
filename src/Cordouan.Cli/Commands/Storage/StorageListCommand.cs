using System.CommandLine;
using Cordouan.Cli.Infrastructure;
using Cordouan.Client.Requests;

namespace Cordouan.Cli.Commands.Storage;

/// <summary>
/// <c>cord storage list [--node N]</c>: without <c>--node</c> the cluster-wide definitions (<c>/storage</c>); with it,
/// the storages as that node sees them, with usage.
/// </summary>
public sealed class StorageListCommand : Command
{
    private readonly CliHost _host;
    private readonly Option<string?> _node = new("--node") { Description = "Show usage as seen by this node" };

    public StorageListCommand(CliHost host)
        : base("list", "List storages")
    {
        _host = host;
        Add(_node);
        SetAction((parseResult, cancellationToken) => RunAsync(parseResult, cancellationToken));
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var session = _host.OpenSession(parseResult);
        var client = await session.ConnectAsync(cancellationToken);
        var output = session.Output;
        if (parseResult.GetValue(_node) is { } node)
        {
            await output.ShowAsync(client, ApiRequests.NodeStorage(node), items =>
                output.WriteTable(
                    ["STORAGE", "TYPE", "CONTENT", "ACTIVE", "SHARED", "USED", "TOTAL", "USE%"],
                    items.OrderBy(s => s.Storage, StringComparer.Ordinal).Select(s => new[]
                    {
                        s.Storage, s.Type, s.Content, Formatting.YesNo(s.Active), Formatting.YesNo(s.Shared),
                        Formatting.Bytes(s.Used), Formatting.Bytes(s.Total), Formatting.Percent(s.UsedFraction),
                    })),
                cancellationToken);
        }
        else
        {
            await output.ShowAsync(client, ApiRequests.StorageConfig(), items =>
                output.WriteTable(
                    ["STORAGE", "TYPE", "CONTENT", "SHARED", "ENABLED", "NODES", "PATH/POOL"],
                    items.OrderBy(s => s.Storage, StringComparer.Ordinal).Select(s => new[]
                    {
                        s.Storage, s.Type, s.Content, Formatting.YesNo(s.Shared ?? false), Formatting.YesNo(!(s.Disable ?? false)),
                        s.Nodes ?? "all", s.Path ?? s.Pool,
                    })),
                cancellationToken);
        }
        return ExitCodes.Success;
    }
}
