using System.CommandLine;
using Cordouan.Cli.Infrastructure;

namespace Cordouan.Cli.Commands.Ceph;

/// <summary><c>cord ceph pool create NAME [--size N] [--min-size N] [--pg-num N] [--pg-autoscale-mode on|off|warn] [--add-storages]</c>.</summary>
public sealed class CephPoolCreateCommand : Command
{
    private readonly CliHost _host;
    private readonly CephNodeOption _node;
    private readonly Argument<string> _name = new("name") { Description = "Pool name" };
    private readonly Option<int?> _size = new("--size") { Description = "Replicas (default 3)" };
    private readonly Option<int?> _minSize = new("--min-size") { Description = "Replicas needed for I/O (default 2)" };
    private readonly Option<int?> _pgNum = new("--pg-num") { Description = "Placement groups (default 128)" };
    private readonly Option<string?> _autoscale = new("--pg-autoscale-mode") { Description = "on, off or warn (default warn)" };
    private readonly Option<bool> _addStorages = new("--add-storages") { Description = "Also add an rbd storage named after the pool" };
    private readonly TaskWaitOptions _wait;

    public CephPoolCreateCommand(CliHost host)
        : base("create", "Create a replicated pool for RBD")
    {
        _host = host;
        _node = new CephNodeOption(this);
        Add(_name);
        Add(_size);
        Add(_minSize);
        Add(_pgNum);
        Add(_autoscale);
        Add(_addStorages);
        _autoscale.AcceptOnlyFromAmong("on", "off", "warn");
        _wait = new TaskWaitOptions(this);
        SetAction((parseResult, cancellationToken) => RunAsync(parseResult, cancellationToken));
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var session = _host.OpenSession(parseResult);
        var client = await session.ConnectAsync(cancellationToken);
        var node = await _node.ResolveAsync(parseResult, client, cancellationToken);
        var name = parseResult.GetRequiredValue(_name);
        var upid = await client.CreateCephPoolAsync(node, name, parseResult.GetValue(_size), parseResult.GetValue(_minSize),
            parseResult.GetValue(_pgNum), parseResult.GetValue(_autoscale), parseResult.GetValue(_addStorages), cancellationToken);
        return await TaskFollower.CompleteAsync(session, client, upid, _wait.Read(parseResult), $"Create pool {name}", cancellationToken);
    }
}
