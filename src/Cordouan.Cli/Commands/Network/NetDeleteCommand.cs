using System.CommandLine;
using Cordouan.Cli.Infrastructure;

namespace Cordouan.Cli.Commands.Network;

/// <summary><c>cord net delete &lt;node&gt; &lt;iface&gt;</c> (staged).</summary>
public sealed class NetDeleteCommand : Command
{
    private readonly CliHost _host;
    private readonly Argument<string> _node = NetArguments.Node();
    private readonly Argument<string> _iface = NetArguments.Iface();

    public NetDeleteCommand(CliHost host)
        : base("delete", "Stage the removal of a bridge (takes effect on 'cord net apply')")
    {
        _host = host;
        Add(_node);
        Add(_iface);
        SetAction((parseResult, cancellationToken) => RunAsync(parseResult, cancellationToken));
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var session = _host.OpenSession(parseResult);
        var client = await session.ConnectAsync(cancellationToken);
        var node = parseResult.GetRequiredValue(_node);
        var iface = parseResult.GetRequiredValue(_iface);
        await client.DeleteNetworkInterfaceAsync(node, iface, cancellationToken);
        NetArguments.Done(session, $"Staged the removal of {iface} on {node}; run 'cord net apply {node}' to apply.");
        return ExitCodes.Success;
    }
}
