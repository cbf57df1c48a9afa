using System.CommandLine;
using Cordouan.Cli.Infrastructure;

namespace Cordouan.Cli.Commands.Network;

/// <summary><c>cord net apply &lt;node&gt; [--force]</c>.</summary>
public sealed class NetApplyCommand : Command
{
    private readonly CliHost _host;
    private readonly Argument<string> _node = NetArguments.Node();
    private readonly Option<bool> _force = new("--force") { Description = "Apply even if it cuts the node's management address" };
    private readonly TaskWaitOptions _wait;

    public NetApplyCommand(CliHost host)
        : base("apply", "Apply a node's staged network changes")
    {
        _host = host;
        Add(_node);
        Add(_force);
        _wait = new TaskWaitOptions(this);
        SetAction((parseResult, cancellationToken) => RunAsync(parseResult, cancellationToken));
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var session = _host.OpenSession(parseResult);
        var client = await session.ConnectAsync(cancellationToken);
        var node = parseResult.GetRequiredValue(_node);
        var upid = await client.ApplyNetworkAsync(node, parseResult.GetValue(_force), cancellationToken);
        return await TaskFollower.CompleteAsync(session, client, upid, _wait.Read(parseResult), $"Apply the network configuration of {node}", cancellationToken);
    }
}
