using System.CommandLine;
using Cordouan.Cli.Infrastructure;

namespace Cordouan.Cli.Commands.Ceph;

/// <summary><c>cord ceph osd destroy ID [--cleanup]</c>.</summary>
public sealed class CephOsdDestroyCommand : Command
{
    private readonly CliHost _host;
    private readonly CephNodeOption _node;
    private readonly Argument<int> _id = new("id") { Description = "OSD id" };
    private readonly Option<bool> _cleanup = new("--cleanup") { Description = "Also wipe the device, so it can take a new OSD" };
    private readonly TaskWaitOptions _wait;

    public CephOsdDestroyCommand(CliHost host)
        : base("destroy", "Stop an OSD and remove it from the cluster")
    {
        _host = host;
        _node = new CephNodeOption(this);
        Add(_id);
        Add(_cleanup);
        _wait = new TaskWaitOptions(this);
        SetAction((parseResult, cancellationToken) => RunAsync(parseResult, cancellationToken));
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var session = _host.OpenSession(parseResult);
        var client = await session.ConnectAsync(cancellationToken);
        var node = await _node.ResolveAsync(parseResult, client, cancellationToken);
        var id = parseResult.GetValue(_id);
        var upid = await client.DestroyCephOsdAsync(node, id, parseResult.GetValue(_cleanup), cancellationToken);
        return await TaskFollower.CompleteAsync(session, client, upid, _wait.Read(parseResult), $"Destroy osd.{id}", cancellationToken);
    }
}
