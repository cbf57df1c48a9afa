using System.CommandLine;
using Cordouan.Cli.Infrastructure;

namespace Cordouan.Cli.Commands.Vms;

/// <summary><c>cord vm shutdown &lt;vmid&gt; [--timeout S] [--force-stop]</c>: ACPI shutdown, optionally hard-stopping after the timeout.</summary>
public sealed class VmShutdownCommand : Command
{
    private readonly CliHost _host;
    private readonly Argument<int> _vmid = VmArguments.VmId();
    private readonly Option<int?> _timeout = new("--timeout") { Description = "Seconds to wait for the guest to power off (daemon default 60)" };
    private readonly Option<bool> _forceStop = new("--force-stop") { Description = "Stop the VM hard if it has not powered off by the timeout" };
    private readonly TaskWaitOptions _wait;

    public VmShutdownCommand(CliHost host)
        : base("shutdown", "Shut a VM down through ACPI")
    {
        _host = host;
        Add(_vmid);
        Add(_timeout);
        Add(_forceStop);
        _wait = new TaskWaitOptions(this);
        SetAction((parseResult, cancellationToken) => RunAsync(parseResult, cancellationToken));
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var session = _host.OpenSession(parseResult);
        var client = await session.ConnectAsync(cancellationToken);
        var vmid = parseResult.GetValue(_vmid);
        var node = await client.GetVmNodeAsync(vmid, cancellationToken);
        var upid = await client.ShutdownVmAsync(node, vmid, parseResult.GetValue(_timeout), parseResult.GetValue(_forceStop), cancellationToken);
        return await TaskFollower.CompleteAsync(session, client, upid, _wait.Read(parseResult), $"Shut down VM {vmid}", cancellationToken);
    }
}
