using System.CommandLine;
using Cordouan.Cli.Commands.Cluster;
using Cordouan.Cli.Infrastructure;

namespace Cordouan.Cli.Commands.Nodes;

/// <summary><c>cord node maintenance enter &lt;node&gt; [--no-evacuate]</c>.</summary>
public sealed class NodeMaintenanceEnterCommand : Command
{
    private readonly CliHost _host;
    private readonly Argument<string> _node = ClusterArguments.NodeName("Node to put in maintenance");
    private readonly Option<bool> _noEvacuate = new("--no-evacuate") { Description = "Only refuse new VMs there; leave its VMs where they are" };
    private readonly TaskWaitOptions _wait;

    public NodeMaintenanceEnterCommand(CliHost host)
        : base("enter", "Refuse new VMs on a node and move its VMs to the least loaded other nodes (live when running)")
    {
        _host = host;
        Add(_node);
        Add(_noEvacuate);
        _wait = new TaskWaitOptions(this);
        SetAction((parseResult, cancellationToken) => RunAsync(parseResult, cancellationToken));
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var session = _host.OpenSession(parseResult);
        var client = await session.ConnectAsync(cancellationToken);
        var node = parseResult.GetRequiredValue(_node);
        var evacuate = !parseResult.GetValue(_noEvacuate);
        var upid = await client.EnterMaintenanceAsync(node, evacuate, cancellationToken);
        var description = evacuate ? $"Enter maintenance on {node} and evacuate its VMs" : $"Enter maintenance on {node}";
        return await TaskFollower.CompleteAsync(session, client, upid, _wait.Read(parseResult), description, cancellationToken);
    }
}
