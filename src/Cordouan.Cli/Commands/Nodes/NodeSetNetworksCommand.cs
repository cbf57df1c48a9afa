using System.CommandLine;
using Cordouan.Cli.Commands.Cluster;
using Cordouan.Cli.Infrastructure;
using Cordouan.Client.Requests;

namespace Cordouan.Cli.Commands.Nodes;

/// <summary>
/// <c>cord node set-networks &lt;node&gt; [--management NET] [--cluster NET] [--migration NET] [--ceph-public NET]
/// [--ceph-cluster NET] [--delete KIND…]</c>: which network (CIDR or address) carries each kind of the node's traffic.
/// </summary>
public sealed class NodeSetNetworksCommand : Command
{
    private static readonly string[] Kinds = ["management", "cluster", "migration", "ceph-public", "ceph-cluster"];
    private readonly CliHost _host;
    private readonly Argument<string> _node = ClusterArguments.NodeName("Node whose traffic networks to set");
    private readonly Dictionary<string, Option<string?>> _networks = [];
    private readonly Option<string[]> _delete = new("--delete") { Description = "Kinds to clear (management, cluster, migration, ceph-public, ceph-cluster); repeatable", AllowMultipleArgumentsPerToken = true };

    public NodeSetNetworksCommand(CliHost host)
        : base("set-networks", "Set which network (CIDR or address) carries a node's management, cluster, migration and Ceph traffic")
    {
        _host = host;
        Add(_node);
        foreach (var kind in Kinds)
        {
            var option = new Option<string?>($"--{kind}") { Description = $"Network of the {kind} traffic: an IPv4 CIDR (this node's address in it) or an address" };
            _networks[kind] = option;
            Add(option);
        }
        Add(_delete);
        SetAction((parseResult, cancellationToken) => RunAsync(parseResult, cancellationToken));
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var session = _host.OpenSession(parseResult);
        var client = await session.ConnectAsync(cancellationToken);
        var node = parseResult.GetRequiredValue(_node);
        var set = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (kind, option) in _networks)
        {
            if (parseResult.GetValue(option) is { } value)
            {
                set[kind] = value;
            }
        }
        var delete = parseResult.GetValue(_delete) ?? [];
        if (set.Count == 0 && delete.Length == 0)
        {
            throw new CliUsageException("Give at least one of --management, --cluster, --migration, --ceph-public, --ceph-cluster or --delete.");
        }
        await client.SendAsync(ApiRequests.SetTrafficNetworks(node, set, delete), cancellationToken);
        if (session.Output.IsJson)
        {
            session.Output.WriteJson(writer => writer.WriteNullValue());
        }
        else
        {
            session.Output.WriteLine($"Traffic networks of {node} updated; 'cord cluster status' shows them.");
        }
        return ExitCodes.Success;
    }
}
