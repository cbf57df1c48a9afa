using System.CommandLine;
using Cordouan.Cli.Infrastructure;

namespace Cordouan.Cli.Commands.Cluster;

/// <summary><c>cord cluster witness …</c>: the vote-only member that gives a two-node cluster a majority.</summary>
public sealed class ClusterWitnessCommand : Command
{
    public ClusterWitnessCommand(CliHost host)
        : base("witness", "Add or remove the cluster's witness (votes, runs no VM)")
    {
        Add(new ClusterWitnessAddCommand(host));
        Add(new ClusterWitnessRemoveCommand(host));
    }
}
