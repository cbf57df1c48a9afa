using System.CommandLine;
using Cordouan.Cli.Infrastructure;

namespace Cordouan.Cli.Commands.Cluster;

/// <summary><c>cord cluster delnode &lt;node&gt; [--force]</c>: forgets a dead member (refused while it owns VMs unless forced).</summary>
public sealed class ClusterDelNodeCommand : Command
{
    private readonly CliHost _host;
    private readonly Argument<string> _node = ClusterArguments.NodeName("The member to remove; it must be powered off for good");
    private readonly Option<bool> _force = new("--force") { Description = "Remove it even if it still owns VMs" };

    public ClusterDelNodeCommand(CliHost host)
        : base("delnode", "Remove a dead node from the cluster")
    {
        _host = host;
        Add(_node);
        Add(_force);
        SetAction((parseResult, cancellationToken) => RunAsync(parseResult, cancellationToken));
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var session = _host.OpenSession(parseResult);
        var client = await session.ConnectAsync(cancellationToken);
        var node = parseResult.GetRequiredValue(_node);
        await client.DeleteClusterNodeAsync(node, parseResult.GetValue(_force), cancellationToken);
        if (session.Output.IsJson)
        {
            session.Output.WriteJson(writer => writer.WriteNullValue());
        }
        else
        {
            session.Output.WriteLine($"Removed node {node} from the cluster.");
        }
        return ExitCodes.Success;
    }
}
