using System.CommandLine;
using Cordouan.Cli.Infrastructure;
using Cordouan.Client.Requests;

namespace Cordouan.Cli.Commands.Vms;

/// <summary><c>cord vm list</c>: every VM of the cluster (from <c>/cluster/resources?type=vm</c>).</summary>
public sealed class VmListCommand : Command
{
    private readonly CliHost _host;

    public VmListCommand(CliHost host)
        : base("list", "List the cluster's VMs")
    {
        _host = host;
        SetAction((parseResult, cancellationToken) => RunAsync(parseResult, cancellationToken));
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var session = _host.OpenSession(parseResult);
        var client = await session.ConnectAsync(cancellationToken);
        await session.Output.ShowAsync(client, ApiRequests.ClusterResources("vm"), vms =>
            session.Output.WriteTable(
                ["VMID", "NAME", "STATUS", "NODE", "CPUS", "MEMORY", "UPTIME", "LOCK"],
                vms.Where(v => v.VmId is not null).OrderBy(v => v.VmId).Select(v => new[]
                {
                    v.VmId!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    v.Name,
                    v.Template == true ? "template" : v.Status,
                    v.Node,
                    Formatting.Number(v.MaxCpu),
                    Formatting.Bytes(v.MaxMem),
                    Formatting.Duration(v.Uptime),
                    v.Lock,
                })),
            cancellationToken);
        return ExitCodes.Success;
    }
}
