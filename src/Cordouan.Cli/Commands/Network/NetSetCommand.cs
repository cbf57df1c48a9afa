using System.CommandLine;
using Cordouan.Cli.Infrastructure;

namespace Cordouan.Cli.Commands.Network;

/// <summary><c>cord net set &lt;node&gt; &lt;iface&gt; [--cidr …] [--delete field] …</c> (staged).</summary>
public sealed class NetSetCommand : Command
{
    private readonly CliHost _host;
    private readonly Argument<string> _node = NetArguments.Node();
    private readonly Argument<string> _iface = NetArguments.Iface();
    private readonly NetOptionSet _settings;

    public NetSetCommand(CliHost host)
        : base("set", "Stage a change of a bridge (takes effect on 'cord net apply')")
    {
        _host = host;
        Add(_node);
        Add(_iface);
        _settings = new NetOptionSet(this, withDelete: true);
        SetAction((parseResult, cancellationToken) => RunAsync(parseResult, cancellationToken));
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var session = _host.OpenSession(parseResult);
        var client = await session.ConnectAsync(cancellationToken);
        var node = parseResult.GetRequiredValue(_node);
        var iface = parseResult.GetRequiredValue(_iface);
        await client.UpdateNetworkInterfaceAsync(node, iface, _settings.Read(parseResult, null), cancellationToken);
        NetArguments.Done(session, $"Staged the change of {iface} on {node}; run 'cord net apply {node}' to apply.");
        return ExitCodes.Success;
    }
}
