using System.CommandLine;
using Cordouan.Cli.Infrastructure;

namespace Cordouan.Cli.Commands.Cluster;

/// <summary><c>cord cluster …</c>: membership (create, join, leave, delnode, witness) and cluster-wide views.</summary>
public sealed class ClusterCommand : Command
{
    public ClusterCommand(CliHost host)
        : base("cluster", "Cluster membership and resources")
    {
        Add(new ClusterStatusCommand(host));
        Add(new ClusterResourcesCommand(host));
        Add(new ClusterCreateCommand(host));
        Add(new ClusterJoinCommand(host));
        Add(new ClusterNodesCommand(host));
        Add(new ClusterLeaveCommand(host));
        Add(new ClusterDelNodeCommand(host));
        Add(new ClusterWitnessCommand(host));
    }
}
