using System.CommandLine;
using Cordouan.Cli.Infrastructure;

namespace Cordouan.Cli.Commands.Vms;

/// <summary><c>cord vm snapshot rollback &lt;vmid&gt; &lt;name&gt; [--start]</c>.</summary>
public sealed class VmSnapshotRollbackCommand : Command
{
    private readonly CliHost _host;
    private readonly Argument<int> _vmid = VmArguments.VmId();
    private readonly Argument<string> _name = VmSnapshotCommand.NameArgument();
    private readonly Option<bool> _start = new("--start") { Description = "Start the VM after the rollback" };
    private readonly TaskWaitOptions _wait;

    public VmSnapshotRollbackCommand(CliHost host)
        : base("rollback", "Return a VM to a snapshot")
    {
        _host = host;
        Add(_vmid);
        Add(_name);
        Add(_start);
        _wait = new TaskWaitOptions(this);
        SetAction((parseResult, cancellationToken) => RunAsync(parseResult, cancellationToken));
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var session = _host.OpenSession(parseResult);
        var client = await session.ConnectAsync(cancellationToken);
        var vmid = parseResult.GetValue(_vmid);
        var name = parseResult.GetRequiredValue(_name);
        var node = await client.GetVmNodeAsync(vmid, cancellationToken);
        var upid = await client.RollbackSnapshotAsync(node, vmid, name, parseResult.GetValue(_start) ? true : null, cancellationToken);
        return await TaskFollower.CompleteAsync(session, client, upid, _wait.Read(parseResult), $"Roll VM {vmid} back to {name}", cancellationToken);
    }
}
