using System.CommandLine;
using Cordouan.Cli.Infrastructure;

namespace Cordouan.Cli.Commands.Vms;

/// <summary><c>cord vm snapshot create &lt;vmid&gt; &lt;name&gt; [--description D] [--vmstate]</c>.</summary>
public sealed class VmSnapshotCreateCommand : Command
{
    private readonly CliHost _host;
    private readonly Argument<int> _vmid = VmArguments.VmId();
    private readonly Argument<string> _name = VmSnapshotCommand.NameArgument();
    private readonly Option<string?> _description = new("--description") { Description = "Free text stored with the snapshot" };
    private readonly Option<bool> _vmState = new("--vmstate") { Description = "Include the RAM of a running VM" };
    private readonly TaskWaitOptions _wait;

    public VmSnapshotCreateCommand(CliHost host)
        : base("create", "Take a snapshot")
    {
        _host = host;
        Add(_vmid);
        Add(_name);
        Add(_description);
        Add(_vmState);
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
        var upid = await client.CreateSnapshotAsync(
            node, vmid, name, parseResult.GetValue(_description), parseResult.GetValue(_vmState) ? true : null, cancellationToken);
        return await TaskFollower.CompleteAsync(session, client, upid, _wait.Read(parseResult), $"Snapshot VM {vmid} as {name}", cancellationToken);
    }
}
