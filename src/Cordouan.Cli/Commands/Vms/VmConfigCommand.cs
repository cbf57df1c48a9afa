using System.CommandLine;
using Cordouan.Cli.Infrastructure;
using Cordouan.Client.Requests;

namespace Cordouan.Cli.Commands.Vms;

/// <summary><c>cord vm config &lt;vmid&gt;</c>: every config key, sorted.</summary>
public sealed class VmConfigCommand : Command
{
    private readonly CliHost _host;
    private readonly Argument<int> _vmid = VmArguments.VmId();

    public VmConfigCommand(CliHost host)
        : base("config", "Show a VM's configuration")
    {
        _host = host;
        Add(_vmid);
        SetAction((parseResult, cancellationToken) => RunAsync(parseResult, cancellationToken));
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var session = _host.OpenSession(parseResult);
        var client = await session.ConnectAsync(cancellationToken);
        var vmid = parseResult.GetValue(_vmid);
        var node = await client.GetVmNodeAsync(vmid, cancellationToken);
        await session.Output.ShowAsync(client, ApiRequests.VmConfig(node, vmid), config =>
            session.Output.WriteProperties(config
                .OrderBy(e => e.Key == "digest")
                .ThenBy(e => e.Key, StringComparer.Ordinal)
                .Select(e => (e.Key, (string?)Formatting.JsonValue(e.Value)))),
            cancellationToken);
        return ExitCodes.Success;
    }
}
