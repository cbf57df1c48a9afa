using System.CommandLine;
using System.Globalization;
using Cordouan.Cli.Infrastructure;
using Cordouan.Client.Requests;

namespace Cordouan.Cli.Commands.Vms;

/// <summary><c>cord vm status &lt;vmid&gt;</c>.</summary>
public sealed class VmStatusCommand : Command
{
    private readonly CliHost _host;
    private readonly Argument<int> _vmid = VmArguments.VmId();

    public VmStatusCommand(CliHost host)
        : base("status", "Show a VM's runtime status")
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
        await session.Output.ShowAsync(client, ApiRequests.VmStatus(node, vmid), s =>
            session.Output.WriteProperties(
            [
                ("vmid", vmid.ToString(CultureInfo.InvariantCulture)),
                ("name", s.Name),
                ("node", node),
                ("status", s.Status),
                ("qmp status", s.QmpStatus),
                ("lock", s.Lock),
                ("pid", s.Pid?.ToString(CultureInfo.InvariantCulture)),
                ("uptime", Formatting.Duration(s.Uptime)),
                ("cpus", Formatting.Number(s.Cpus)),
                ("cpu", s.Status == "running" ? Formatting.Percent(s.Cpu) : null),
                ("memory", s.Status == "running" ? $"{Formatting.Bytes(s.Mem)} / {Formatting.Bytes(s.MaxMem)}" : Formatting.Bytes(s.MaxMem)),
                ("disk", Formatting.Bytes(s.MaxDisk)),
                ("template", s.Template == true ? "yes" : null),
                ("ha", s.Ha?.Managed == true ? s.Ha.State ?? "managed" : null),
                ("ip", s.Addresses is { Count: > 0 } addresses ? string.Join(", ", addresses.Select(a => $"{a.Ip} ({a.Net})")) : null),
            ]),
            cancellationToken);
        return ExitCodes.Success;
    }
}
