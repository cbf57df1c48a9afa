using System.CommandLine;
using Cordouan.Cli.Infrastructure;

namespace Cordouan.Cli.Commands.Nodes;

/// <summary><c>cord node …</c>.</summary>
public sealed class NodeCommand : Command
{
    public NodeCommand(CliHost host)
        : base("node", "Cluster nodes")
    {
        Add(new NodeListCommand(host));
        Add(new NodeStatusCommand(host));
        Add(new NodeMaintenanceCommand(host));
        Add(new NodeSetNetworksCommand(host));
        Add(new NodeStartAllCommand(host));
        Add(new NodeStopAllCommand(host));
        Add(new NodeMigrateAllCommand(host));
    }
}
