using System.CommandLine;
using Cordouan.Cli.Infrastructure;

namespace Cordouan.Cli.Commands.Ceph;

/// <summary><c>cord ceph mon|mgr destroy [ID]</c>: the id defaults to the node name.</summary>
public sealed class CephDaemonDestroyCommand : Command
{
    private readonly CliHost _host;
    private readonly string _kind;
    private readonly CephNodeOption _node;
    private readonly Argument<string?> _id = new("id") { Description = "Daemon id (default: the node name)", Arity = ArgumentArity.ZeroOrOne };
    private readonly TaskWaitOptions _wait;

    public CephDaemonDestroyCommand(CliHost host, string kind)
        : base("destroy", kind == "mon" ? "Stop and remove a monitor" : "Stop and remove a manager")
    {
        _host = host;
        _kind = kind;
        _node = new CephNodeOption(this);
        Add(_id);
        _wait = new TaskWaitOptions(this);
        SetAction((parseResult, cancellationToken) => RunAsync(parseResult, cancellationToken));
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var session = _host.OpenSession(parseResult);
        var client = await session.ConnectAsync(cancellationToken);
        var node = await _node.ResolveAsync(parseResult, client, cancellationToken);
        var id = parseResult.GetValue(_id) ?? node;
        var upid = await client.DestroyCephDaemonAsync(node, _kind, id, cancellationToken);
        return await TaskFollower.CompleteAsync(session, client, upid, _wait.Read(parseResult), $"Destroy Ceph {_kind} {id}", cancellationToken);
    }
}
