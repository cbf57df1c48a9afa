using System.CommandLine;
using Cordouan.Cli.Commands.Cluster;
using Cordouan.Cli.Infrastructure;

namespace Cordouan.Cli.Commands.Nodes;

/// <summary><c>cord node maintenance exit &lt;node&gt;</c>.</summary>
public sealed class NodeMaintenanceExitCommand : Command
{
    private readonly CliHost _host;
    private readonly Argument<string> _node = ClusterArguments.NodeName("Node to take out of maintenance");

    public NodeMaintenanceExitCommand(CliHost host)
        : base("exit", "Let a node take new VMs again (VMs moved away stay where they are)")
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
        await client.ExitMaintenanceAsync(node, cancellationToken);
        if (session.Output.IsJson)
        {
            session.Output.WriteJson(writer => writer.WriteNullValue());
        }
        else
        {
            session.Output.WriteLine($"Node {node} is out of maintenance: it takes new VMs again.");
        }
        return ExitCodes.Success;
    }
}
