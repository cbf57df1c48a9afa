using System.CommandLine;
using Cordouan.Cli.Infrastructure;

namespace Cordouan.Cli.Commands.Ceph;

/// <summary><c>cord ceph osd create DEVICE [--zap]</c>.</summary>
public sealed class CephOsdCreateCommand : Command
{
    private readonly CliHost _host;
    private readonly CephNodeOption _node;
    private readonly Argument<string> _device = new("device") { Description = "Whole block device, e.g. /dev/sdb" };
    private readonly Option<bool> _zap = new("--zap") { Description = "Wipe a partition table or an old OSD on the device first" };
    private readonly TaskWaitOptions _wait;

    public CephOsdCreateCommand(CliHost host)
        : base("create", "Create a bluestore OSD on a block device")
    {
        _host = host;
        _node = new CephNodeOption(this);
        Add(_device);
        Add(_zap);
        _wait = new TaskWaitOptions(this);
        SetAction((parseResult, cancellationToken) => RunAsync(parseResult, cancellationToken));
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var session = _host.OpenSession(parseResult);
        var client = await session.ConnectAsync(cancellationToken);
        var node = await _node.ResolveAsync(parseResult, client, cancellationToken);
        var device = parseResult.GetRequiredValue(_device);
        var upid = await client.CreateCephOsdAsync(node, device, parseResult.GetValue(_zap), cancellationToken);
        return await TaskFollower.CompleteAsync(session, client, upid, _wait.Read(parseResult), $"Create OSD on {device}", cancellationToken);
    }
}
