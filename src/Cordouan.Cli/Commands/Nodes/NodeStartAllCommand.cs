using System.CommandLine;
using Cordouan.Cli.Commands.Cluster;
using Cordouan.Cli.Infrastructure;

namespace Cordouan.Cli.Commands.Nodes;

/// <summary><c>cord node startall &lt;node&gt; [--force] [--vms 100,101]</c>.</summary>
public sealed class NodeStartAllCommand : Command
{
    private readonly CliHost _host;
    private readonly Argument<string> _node = ClusterArguments.NodeName("Node whose VMs start");
    private readonly Option<bool> _force = new("--force") { Description = "Start every VM of the node, not only those marked onboot" };
    private readonly Option<string?> _vms = NodeGuestOptions.Vms();
    private readonly TaskWaitOptions _wait;

    public NodeStartAllCommand(CliHost host)
        : base("startall", "Start a node's VMs marked onboot in their startup order (as at boot)")
    {
        _host = host;
        Add(_node);
        Add(_force);
        Add(_vms);
        _wait = new TaskWaitOptions(this);
        SetAction((parseResult, cancellationToken) => RunAsync(parseResult, cancellationToken));
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var session = _host.OpenSession(parseResult);
        var client = await session.ConnectAsync(cancellationToken);
        var node = parseResult.GetRequiredValue(_node);
        var upid = await client.StartAllAsync(node, parseResult.GetValue(_force), parseResult.GetValue(_vms), cancellationToken);
        return await TaskFollower.CompleteAsync(session, client, upid, _wait.Read(parseResult), $"Start the VMs of {node}", cancellationToken);
    }
}
