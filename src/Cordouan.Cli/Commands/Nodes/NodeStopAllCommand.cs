using System.CommandLine;
using Cordouan.Cli.Commands.Cluster;
using Cordouan.Cli.Infrastructure;

namespace Cordouan.Cli.Commands.Nodes;

/// <summary><c>cord node stopall &lt;node&gt; [--vms 100,101] [--timeout S] [--no-force-stop]</c>.</summary>
public sealed class NodeStopAllCommand : Command
{
    private readonly CliHost _host;
    private readonly Argument<string> _node = ClusterArguments.NodeName("Node whose VMs shut down");
    private readonly Option<string?> _vms = NodeGuestOptions.Vms();
    private readonly Option<int?> _timeout = new("--timeout") { Description = "Shutdown timeout of a VM without startup down=S, in seconds (default 180)" };
    private readonly Option<bool> _noForceStop = new("--no-force-stop") { Description = "Leave a VM running when its shutdown times out instead of stopping it" };
    private readonly TaskWaitOptions _wait;

    public NodeStopAllCommand(CliHost host)
        : base("stopall", "Shut a node's VMs down in reverse startup order, each within its timeout, then stop it (as at host shutdown)")
    {
        _host = host;
        Add(_node);
        Add(_vms);
        Add(_timeout);
        Add(_noForceStop);
        _timeout.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 0 or > 7200)
            {
                result.AddError("--timeout must be between 0 and 7200 seconds.");
            }
        });
        _wait = new TaskWaitOptions(this);
        SetAction((parseResult, cancellationToken) => RunAsync(parseResult, cancellationToken));
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var session = _host.OpenSession(parseResult);
        var client = await session.ConnectAsync(cancellationToken);
        var node = parseResult.GetRequiredValue(_node);
        bool? forceStop = parseResult.GetValue(_noForceStop) ? false : null;
        var upid = await client.StopAllAsync(node, parseResult.GetValue(_vms), parseResult.GetValue(_timeout), forceStop, cancellationToken);
        return await TaskFollower.CompleteAsync(session, client, upid, _wait.Read(parseResult), $"Stop the VMs of {node}", cancellationToken);
    }
}
