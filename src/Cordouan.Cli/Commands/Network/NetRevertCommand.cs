using System.CommandLine;
using Cordouan.Cli.Infrastructure;

namespace Cordouan.Cli.Commands.Network;

/// <summary><c>cord net revert &lt;node&gt;</c>.</summary>
public sealed class NetRevertCommand : Command
{
    private readonly CliHost _host;
    private readonly Argument<string> _node = NetArguments.Node();

    public NetRevertCommand(CliHost host)
        : base("revert", "Drop a node's staged network changes")
    {
        _host = host;
        Add(_node);
        SetAction((parseResult, cancellationToken) => RunAsync(parseResult, cancellationToken));
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var session = _host.OpenSession(parseResult);
        var client = await session.ConnectAsync(cancellationToken);
        var node = parseResult.GetRequiredValue(_node);
        await client.RevertNetworkAsync(node, cancellationToken);
        NetArguments.Done(session, $"Dropped the staged network changes of {node}.");
        return ExitCodes.Success;
    }
}
