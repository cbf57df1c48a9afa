using System.CommandLine;
using Cordouan.Cli.Infrastructure;

namespace Cordouan.Cli.Commands.Vms;

/// <summary><c>cord vm delete &lt;vmid&gt; [--purge]</c>: destroys a stopped VM and its disks.</summary>
public sealed class VmDeleteCommand : Command
{
    private readonly CliHost _host;
    private readonly Argument<int> _vmid = VmArguments.VmId();
    private readonly Option<bool> _purge = new("--purge") { Description = "Also remove the VM from HA, backup and replication configuration" };
    private readonly TaskWaitOptions _wait;

    public VmDeleteCommand(CliHost host)
        : base("delete", "Destroy a VM and its disks")
    {
        _host = host;
        Add(_vmid);
        Add(_purge);
        _wait = new TaskWaitOptions(this);
        SetAction((parseResult, cancellationToken) => RunAsync(parseResult, cancellationToken));
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var session = _host.OpenSession(parseResult);
        var client = await session.ConnectAsync(cancellationToken);
        var vmid = parseResult.GetValue(_vmid);
        var node = await client.GetVmNodeAsync(vmid, cancellationToken);
        var upid = await client.DeleteVmAsync(node, vmid, parseResult.GetValue(_purge), cancellationToken);
        return await TaskFollower.CompleteAsync(session, client, upid, _wait.Read(parseResult), $"Delete VM {vmid}", cancellationToken);
    }
}
