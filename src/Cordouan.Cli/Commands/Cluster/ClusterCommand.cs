using System.CommandLine;
using Cordouan.Cli.Infrastructure;

namespace Cordouan.Cli.Commands.Cluster;

/// <summary><c>cord cluster …</c>: cluster-wide views.</summary>
public sealed class ClusterCommand : Command
{
    public ClusterCommand(CliHost host)
        : base("cluster", "Cluster membership and resources")
    {
        Add(new ClusterStatusCommand(host));
        Add(new ClusterResourcesCommand(host));
    }
}
