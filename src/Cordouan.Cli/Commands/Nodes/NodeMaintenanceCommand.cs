using System.CommandLine;
using Cordouan.Cli.Infrastructure;

namespace Cordouan.Cli.Commands.Nodes;

/// <summary><c>cord node maintenance …</c>: take a node out of service (its VMs evacuated) and back.</summary>
public sealed class NodeMaintenanceCommand : Command
{
    public NodeMaintenanceCommand(CliHost host)
        : base("maintenance", "Put a node in maintenance (no new VMs, its VMs moved away) or take it out")
    {
        Add(new NodeMaintenanceEnterCommand(host));
        Add(new NodeMaintenanceExitCommand(host));
        Add(new NodeMaintenanceStatusCommand(host));
    }
}
