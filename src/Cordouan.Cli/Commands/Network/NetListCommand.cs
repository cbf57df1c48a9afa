using System.CommandLine;
using Cordouan.Cli.Infrastructure;
using Cordouan.Client.Requests;

namespace Cordouan.Cli.Commands.Network;

/// <summary><c>cord net list &lt;node&gt;</c>.</summary>
public sealed class NetListCommand : Command
{
    private readonly CliHost _host;
    private readonly Argument<string> _node = NetArguments.Node();

    public NetListCommand(CliHost host)
        : base("list", "List a node's interfaces (declared bridges with pending changes marked, and the others the kernel has)")
    {
        _host = host;
        Add(_node);
        SetAction((parseResult, cancellationToken) => RunAsync(parseResult, cancellationToken));
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var session = _host.OpenSession(parseResult);
        var client = await session.ConnectAsync(cancellationToken);
        await session.Output.ShowAsync(client, ApiRequests.NodeNetwork(parseResult.GetRequiredValue(_node)), items =>
            session.Output.WriteTable(
                ["IFACE", "TYPE", "ACTIVE", "CIDR", "PORTS", "VLAN-AWARE", "PENDING", "COMMENTS"],
                items.Select(i => new[]
                {
                    i.Iface, i.Type, i.Active ? "yes" : "no", i.Cidr, i.BridgePorts,
                    i.BridgeVlanAware is null ? null : i.BridgeVlanAware.Value ? "yes" : "no",
                    i.Pending == true ? "yes" : null, i.Comments,
                })),
            cancellationToken);
        return ExitCodes.Success;
    }
}
