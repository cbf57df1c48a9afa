using System.CommandLine;
using System.Globalization;
using Cordouan.Cli.Commands.Cluster;
using Cordouan.Cli.Infrastructure;
using Cordouan.Client.Requests;

namespace Cordouan.Cli.Commands.Nodes;

/// <summary><c>cord node maintenance status [&lt;node&gt;]</c>: every node's flag, or one node's flag and the VMs still on it.</summary>
public sealed class NodeMaintenanceStatusCommand : Command
{
    private readonly CliHost _host;
    private readonly Argument<string?> _node = new("node") { Description = "Show this node's VMs too (default: the flag of every node)", Arity = ArgumentArity.ZeroOrOne };

    public NodeMaintenanceStatusCommand(CliHost host)
        : base("status", "Show which nodes are in maintenance, or what is still on one node")
    {
        _host = host;
        Add(_node);
        SetAction((parseResult, cancellationToken) => RunAsync(parseResult, cancellationToken));
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var session = _host.OpenSession(parseResult);
        var client = await session.ConnectAsync(cancellationToken);
        var output = session.Output;
        if (parseResult.GetValue(_node) is not { } node)
        {
            await output.ShowAsync(client, ApiRequests.ClusterStatus(), items =>
                output.WriteTable(["NODE", "ONLINE", "MAINTENANCE"], items
                    .Where(i => i.Type == "node" && !i.IsWitness)
                    .OrderBy(i => i.Name, StringComparer.Ordinal)
                    .Select(i => new[] { i.Name, Formatting.YesNo(i.Online), Formatting.YesNo(i.Maintenance ?? false) })),
                cancellationToken);
            return ExitCodes.Success;
        }
        await output.ShowAsync(client, ApiRequests.NodeMaintenance(node), status =>
        {
            output.WriteLine(status.Maintenance
                ? $"Node {node} is in maintenance: it takes no new VMs; {status.Vms.Count} VM(s) still on it."
                : $"Node {node} is not in maintenance; {status.Vms.Count} VM(s) on it.");
            if (status.Vms.Count > 0)
            {
                output.WriteTable(["VMID", "NAME", "STATUS", "LOCK"], status.Vms.Select(v => new[]
                {
                    v.VmId.ToString(CultureInfo.InvariantCulture), v.Name, v.Status, v.Lock,
                }));
            }
        }, cancellationToken);
        return ExitCodes.Success;
    }
}
