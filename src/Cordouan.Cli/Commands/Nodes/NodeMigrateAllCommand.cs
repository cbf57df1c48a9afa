using System.CommandLine;
using Cordouan.Cli.Commands.Cluster;
using Cordouan.Cli.Infrastructure;

namespace Cordouan.Cli.Commands.Nodes;

/// <summary><c>cord node migrateall &lt;node&gt; &lt;target&gt; [--vms 100,101] [--with-local-disks] [--max-workers N]</c>.</summary>
public sealed class NodeMigrateAllCommand : Command
{
    private readonly CliHost _host;
    private readonly Argument<string> _node = ClusterArguments.NodeName("Node whose VMs move");
    private readonly Argument<string> _target = new("target") { Description = "Node they move to" };
    private readonly Option<string?> _vms = NodeGuestOptions.Vms();
    private readonly Option<bool> _withLocalDisks = new("--with-local-disks") { Description = "Mirror the local disks of running VMs (else such VMs stay)" };
    private readonly Option<int?> _maxWorkers = new("--max-workers") { Description = "Migrations at once (1-64; default the CPU threads less one, at most 8)" };
    private readonly TaskWaitOptions _wait;

    public NodeMigrateAllCommand(CliHost host)
        : base("migrateall", "Migrate every VM of a node to another node (running ones live)")
    {
        _host = host;
        Add(_node);
        Add(_target);
        Add(_vms);
        Add(_withLocalDisks);
        Add(_maxWorkers);
        _maxWorkers.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 1 or > 64)
            {
                result.AddError("--max-workers must be between 1 and 64.");
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
        var target = parseResult.GetRequiredValue(_target);
        bool? withLocalDisks = parseResult.GetValue(_withLocalDisks) ? true : null;
        var upid = await client.MigrateAllAsync(node, target, parseResult.GetValue(_vms), withLocalDisks, parseResult.GetValue(_maxWorkers), cancellationToken);
        return await TaskFollower.CompleteAsync(session, client, upid, _wait.Read(parseResult), $"Migrate the VMs of {node} to {target}", cancellationToken);
    }
}
