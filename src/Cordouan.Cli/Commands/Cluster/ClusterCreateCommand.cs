using System.CommandLine;
using Cordouan.Cli.Infrastructure;

namespace Cordouan.Cli.Commands.Cluster;

/// <summary><c>cord cluster create &lt;name&gt;</c>: names the cluster of the node you talk to (its first member).</summary>
public sealed class ClusterCreateCommand : Command
{
    private readonly CliHost _host;
    private readonly Argument<string> _name = ClusterArguments.ClusterName();
    private readonly TaskWaitOptions _wait;

    public ClusterCreateCommand(CliHost host)
        : base("create", "Create a cluster with the node you talk to as its first member")
    {
        _host = host;
        Add(_name);
        _wait = new TaskWaitOptions(this);
        SetAction((parseResult, cancellationToken) => RunAsync(parseResult, cancellationToken));
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var session = _host.OpenSession(parseResult);
        var client = await session.ConnectAsync(cancellationToken);
        var name = parseResult.GetRequiredValue(_name);
        var upid = await client.CreateClusterAsync(name, cancellationToken);
        return await TaskFollower.CompleteAsync(session, client, upid, _wait.Read(parseResult), $"Create cluster {name}", cancellationToken);
    }
}
