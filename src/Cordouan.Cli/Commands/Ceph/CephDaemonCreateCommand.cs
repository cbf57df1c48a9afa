using System.CommandLine;
using Cordouan.Cli.Infrastructure;

namespace Cordouan.Cli.Commands.Ceph;

/// <summary><c>cord ceph mon|mgr create [ID] [--mon-address IP[:PORT]]</c>: the id defaults to the node name.</summary>
public sealed class CephDaemonCreateCommand : Command
{
    private readonly CliHost _host;
    private readonly string _kind;
    private readonly CephNodeOption _node;
    private readonly Argument<string?> _id = new("id") { Description = "Daemon id (default: the node name)", Arity = ArgumentArity.ZeroOrOne };
    private readonly Option<string?> _address = new("--mon-address") { Description = "Monitor address IP[:PORT] (default: this node's address in the public network)" };
    private readonly TaskWaitOptions _wait;

    public CephDaemonCreateCommand(CliHost host, string kind)
        : base("create", kind == "mon" ? "Create a monitor on the node" : "Create a manager on the node")
    {
        _host = host;
        _kind = kind;
        _node = new CephNodeOption(this);
        Add(_id);
        if (kind == "mon")
        {
            Add(_address);
        }
        _wait = new TaskWaitOptions(this);
        SetAction((parseResult, cancellationToken) => RunAsync(parseResult, cancellationToken));
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var session = _host.OpenSession(parseResult);
        var client = await session.ConnectAsync(cancellationToken);
        var node = await _node.ResolveAsync(parseResult, client, cancellationToken);
        var id = parseResult.GetValue(_id);
        var upid = await client.CreateCephDaemonAsync(node, _kind, id, parseResult.GetValue(_address), cancellationToken);
        return await TaskFollower.CompleteAsync(session, client, upid, _wait.Read(parseResult), $"Create Ceph {_kind} {id ?? node}", cancellationToken);
    }
}
