using System.CommandLine;
using Cordouan.Cli.Infrastructure;

namespace Cordouan.Cli.Commands.Vms;

/// <summary><c>cord vm move-disk &lt;vmid&gt; &lt;disk&gt; &lt;storage&gt;</c>: moves a disk to another storage, the VM running or not.</summary>
public sealed class VmMoveDiskCommand : Command
{
    private readonly CliHost _host;
    private readonly Argument<int> _vmid = VmArguments.VmId();
    private readonly Argument<string> _disk = new("disk") { Description = "Disk key, e.g. scsi0" };
    private readonly Argument<string> _storage = new("storage") { Description = "Target storage" };
    private readonly Option<string?> _format = new("--format") { Description = "Target format (raw, qcow2, vmdk); default: the disk's own when the storage supports it" };
    private readonly Option<bool> _delete = new("--delete") { Description = "Remove the old volume once moved (default: keep it as unusedN)" };
    private readonly Option<long?> _bwlimit = new("--bwlimit") { Description = "Copy bandwidth limit in KiB/s" };
    private readonly TaskWaitOptions _wait;

    public VmMoveDiskCommand(CliHost host)
        : base("move-disk", "Move a VM disk to another storage (online when the VM runs)")
    {
        _host = host;
        Add(_vmid);
        Add(_disk);
        Add(_storage);
        Add(_format);
        Add(_delete);
        Add(_bwlimit);
        _wait = new TaskWaitOptions(this);
        SetAction((parseResult, cancellationToken) => RunAsync(parseResult, cancellationToken));
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var session = _host.OpenSession(parseResult);
        var client = await session.ConnectAsync(cancellationToken);
        var vmid = parseResult.GetValue(_vmid);
        var disk = parseResult.GetRequiredValue(_disk);
        var storage = parseResult.GetRequiredValue(_storage);
        var node = await client.GetVmNodeAsync(vmid, cancellationToken);
        var upid = await client.MoveVmDiskAsync(node, vmid, disk, storage, parseResult.GetValue(_format), parseResult.GetValue(_delete),
            parseResult.GetValue(_bwlimit), cancellationToken);
        return await TaskFollower.CompleteAsync(session, client, upid, _wait.Read(parseResult), $"Move {disk} of VM {vmid} to {storage}", cancellationToken);
    }
}
