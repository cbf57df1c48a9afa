using System.CommandLine;
using System.Globalization;
using Cordouan.Cli.Infrastructure;
using Cordouan.Client.Requests;

namespace Cordouan.Cli.Commands.Network;

/// <summary><c>cord net leases &lt;node&gt; &lt;iface&gt;</c>: the DHCP leases of a NAT bridge, with the VM of each MAC.</summary>
public sealed class NetLeasesCommand : Command
{
    private readonly CliHost _host;
    private readonly Argument<string> _node = NetArguments.Node();
    private readonly Argument<string> _iface = NetArguments.Iface();

    public NetLeasesCommand(CliHost host)
        : base("leases", "List the DHCP leases of a NAT bridge (and the VM holding each MAC)")
    {
        _host = host;
        Add(_node);
        Add(_iface);
        SetAction((parseResult, cancellationToken) => RunAsync(parseResult, cancellationToken));
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var session = _host.OpenSession(parseResult);
        var client = await session.ConnectAsync(cancellationToken);
        var request = ApiRequests.NetworkLeases(parseResult.GetRequiredValue(_node), parseResult.GetRequiredValue(_iface));
        await session.Output.ShowAsync(client, request, items =>
            session.Output.WriteTable(
                ["MAC", "IP", "HOSTNAME", "VMID", "EXPIRES"],
                items.Select(i => new[]
                {
                    i.Mac, i.Ip, i.Hostname, i.VmId?.ToString(CultureInfo.InvariantCulture),
                    i.Expiry is { } e ? DateTimeOffset.FromUnixTimeSeconds(e).ToString("u", CultureInfo.InvariantCulture) : "never",
                })),
            cancellationToken);
        return ExitCodes.Success;
    }
}
