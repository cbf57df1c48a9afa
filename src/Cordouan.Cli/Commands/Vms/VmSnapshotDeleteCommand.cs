using System.CommandLine;
using Cordouan.Cli.Infrastructure;

namespace Cordouan.Cli.Commands.Vms;

/// <summary><c>cord vm snapshot delete &lt;vmid&gt; &lt;name&gt; [--force]</c>.</summary>
public sealed class VmSnapshotDeleteCommand : Command
{
    private readonly CliHost _host;
    private readonly Argument<int> _vmid = VmArguments.VmId();
    private readonly Argument<string> _name = VmSnapshotCommand.NameArgument();
    private readonly Option<bool> _force = new("--force") { Description = "Remove the snapshot from the config even if removing its disk data fails" };
    private readonly TaskWaitOptions _wait;

    public VmSnapshotDeleteCommand(CliHost host)
        : base("delete", "Delete a snapshot")
    {
        _host = host;
        Add(_vmid);
        Add(_name);
        Add(_force);
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
        var upid = await client.DeleteSnapshotAsync(node, vmid, name, parseResult.GetValue(_force) ? true : null, cancellationToken);
        return await TaskFollower.CompleteAsync(session, client, upid, _wait.Read(parseResult), $"Delete snapshot {name} of VM {vmid}", cancellationToken);
    }
}
