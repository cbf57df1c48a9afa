using System.CommandLine;
using Cordouan.Cli.Infrastructure;

namespace Cordouan.Cli.Commands.Ceph;

/// <summary><c>cord ceph pool destroy NAME [--force] [--remove-storages]</c>.</summary>
public sealed class CephPoolDestroyCommand : Command
{
    private readonly CliHost _host;
    private readonly CephNodeOption _node;
    private readonly Argument<string> _name = new("name") { Description = "Pool name" };
    private readonly Option<bool> _force = new("--force") { Description = "Destroy it even if its storages still hold VM disks" };
    private readonly Option<bool> _removeStorages = new("--remove-storages") { Description = "Also remove the rbd storages defined on it" };
    private readonly TaskWaitOptions _wait;

    public CephPoolDestroyCommand(CliHost host)
        : base("destroy", "Delete a pool and all its data")
    {
        _host = host;
        _node = new CephNodeOption(this);
        Add(_name);
        Add(_force);
        Add(_removeStorages);
        _wait = new TaskWaitOptions(this);
        SetAction((parseResult, cancellationToken) => RunAsync(parseResult, cancellationToken));
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var session = _host.OpenSession(parseResult);
        var client = await session.ConnectAsync(cancellationToken);
        var node = await _node.ResolveAsync(parseResult, client, cancellationToken);
        var name = parseResult.GetRequiredValue(_name);
        var upid = await client.DestroyCephPoolAsync(node, name, parseResult.GetValue(_force), parseResult.GetValue(_removeStorages), cancellationToken);
        return await TaskFollower.CompleteAsync(session, client, upid, _wait.Read(parseResult), $"Destroy pool {name}", cancellationToken);
    }
}
