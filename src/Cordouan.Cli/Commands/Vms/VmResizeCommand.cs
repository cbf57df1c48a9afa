using System.CommandLine;
using Cordouan.Cli.Infrastructure;

namespace Cordouan.Cli.Commands.Vms;

/// <summary><c>cord vm resize &lt;vmid&gt; &lt;disk&gt; &lt;size&gt;</c>: grows a disk (<c>+2G</c> by, <c>40G</c> to).</summary>
public sealed class VmResizeCommand : Command
{
    private readonly CliHost _host;
    private readonly Argument<int> _vmid = VmArguments.VmId();
    private readonly Argument<string> _disk = new("disk") { Description = "Disk key, e.g. scsi0" };
    private readonly Argument<string> _size = new("size") { Description = "New size (40G) or growth (+2G); shrinking is refused" };
    private readonly TaskWaitOptions _wait;

    public VmResizeCommand(CliHost host)
        : base("resize", "Grow a VM disk")
    {
        _host = host;
        Add(_vmid);
        Add(_disk);
        Add(_size);
        _wait = new TaskWaitOptions(this);
        SetAction((parseResult, cancellationToken) => RunAsync(parseResult, cancellationToken));
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var session = _host.OpenSession(parseResult);
        var client = await session.ConnectAsync(cancellationToken);
        var vmid = parseResult.GetValue(_vmid);
        var disk = parseResult.GetRequiredValue(_disk);
        var node = await client.GetVmNodeAsync(vmid, cancellationToken);
        var upid = await client.ResizeVmDiskAsync(node, vmid, disk, parseResult.GetRequiredValue(_size), cancellationToken);
        return await TaskFollower.CompleteAsync(session, client, upid, _wait.Read(parseResult), $"Resize {disk} of VM {vmid}", cancellationToken);
    }
}
