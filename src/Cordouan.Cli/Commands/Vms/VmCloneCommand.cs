using System.CommandLine;
using Cordouan.Cli.Infrastructure;
using Cordouan.Client.Requests;

namespace Cordouan.Cli.Commands.Vms;

/// <summary><c>cord vm clone &lt;vmid&gt; &lt;newid&gt; [--name --full --storage --target]</c>.</summary>
public sealed class VmCloneCommand : Command
{
    private readonly CliHost _host;
    private readonly Argument<int> _vmid = VmArguments.VmId(description: "VM or template to clone");
    private readonly Argument<int> _newId = VmArguments.VmId("newid", "Id of the new VM");
    private readonly Option<string?> _name = new("--name") { Description = "Name of the new VM" };
    private readonly Option<bool> _full = new("--full") { Description = "Full copy instead of a linked clone (templates only; VMs are always copied)" };
    private readonly Option<string?> _storage = new("--storage") { Description = "Target storage for a full copy" };
    private readonly Option<string?> _target = new("--target") { Description = "Target node (shared storage only)" };
    private readonly TaskWaitOptions _wait;

    public VmCloneCommand(CliHost host)
        : base("clone", "Clone a VM or template")
    {
        _host = host;
        Add(_vmid);
        Add(_newId);
        Add(_name);
        Add(_full);
        Add(_storage);
        Add(_target);
        _wait = new TaskWaitOptions(this);
        SetAction((parseResult, cancellationToken) => RunAsync(parseResult, cancellationToken));
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var session = _host.OpenSession(parseResult);
        var client = await session.ConnectAsync(cancellationToken);
        var vmid = parseResult.GetValue(_vmid);
        var newId = parseResult.GetValue(_newId);
        var node = await client.GetVmNodeAsync(vmid, cancellationToken);
        var options = new VmCloneOptions
        {
            Name = parseResult.GetValue(_name),
            Full = parseResult.GetValue(_full) ? true : null,
            Storage = parseResult.GetValue(_storage),
            Target = parseResult.GetValue(_target),
        };
        var upid = await client.CloneVmAsync(node, vmid, newId, options, cancellationToken);
        return await TaskFollower.CompleteAsync(session, client, upid, _wait.Read(parseResult), $"Clone VM {vmid} to {newId}", cancellationToken);
    }
}
