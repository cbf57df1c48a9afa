using System.CommandLine;
using Cordouan.Cli.Infrastructure;

namespace Cordouan.Cli.Commands.Vms;

/// <summary><c>cord vm template &lt;vmid&gt;</c>: turns a stopped VM into a template.</summary>
public sealed class VmTemplateCommand : Command
{
    private readonly CliHost _host;
    private readonly Argument<int> _vmid = VmArguments.VmId();
    private readonly TaskWaitOptions _wait;

    public VmTemplateCommand(CliHost host)
        : base("template", "Convert a VM into a template")
    {
        _host = host;
        Add(_vmid);
        _wait = new TaskWaitOptions(this);
        SetAction((parseResult, cancellationToken) => RunAsync(parseResult, cancellationToken));
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var session = _host.OpenSession(parseResult);
        var client = await session.ConnectAsync(cancellationToken);
        var vmid = parseResult.GetValue(_vmid);
        var node = await client.GetVmNodeAsync(vmid, cancellationToken);
        var upid = await client.ConvertToTemplateAsync(node, vmid, cancellationToken);
        return await TaskFollower.CompleteAsync(session, client, upid, _wait.Read(parseResult), $"Convert VM {vmid} to a template", cancellationToken);
    }
}
