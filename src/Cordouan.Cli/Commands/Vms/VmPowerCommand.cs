using System.CommandLine;
using Cordouan.Cli.Infrastructure;
using Cordouan.Client.Requests;

namespace Cordouan.Cli.Commands.Vms;

/// <summary><c>cord vm start|stop|reboot|reset|suspend|resume &lt;vmid&gt;</c>: one power action, waited for by default.</summary>
public sealed class VmPowerCommand : Command
{
    private readonly CliHost _host;
    private readonly VmPowerAction _action;
    private readonly Argument<int> _vmid = VmArguments.VmId();
    private readonly Option<int?>? _timeout;
    private readonly TaskWaitOptions _wait;

    public VmPowerCommand(CliHost host, VmPowerAction action, string description, bool acceptsTimeout = false)
        : base(action.ToString().ToLowerInvariant(), description)
    {
        _host = host;
        _action = action;
        Add(_vmid);
        if (acceptsTimeout)
        {
            _timeout = new Option<int?>("--timeout") { Description = "Seconds the daemon waits for the action" };
            Add(_timeout);
        }
        _wait = new TaskWaitOptions(this);
        SetAction((parseResult, cancellationToken) => RunAsync(parseResult, cancellationToken));
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var session = _host.OpenSession(parseResult);
        var client = await session.ConnectAsync(cancellationToken);
        var vmid = parseResult.GetValue(_vmid);
        var node = await client.GetVmNodeAsync(vmid, cancellationToken);
        var parameters = new RequestParameters().Add("timeout", _timeout is null ? null : parseResult.GetValue(_timeout)).ToList();
        var upid = await client.ChangeVmPowerAsync(node, vmid, _action, parameters, cancellationToken);
        return await TaskFollower.CompleteAsync(session, client, upid, _wait.Read(parseResult), $"{_action} VM {vmid}", cancellationToken);
    }
}
