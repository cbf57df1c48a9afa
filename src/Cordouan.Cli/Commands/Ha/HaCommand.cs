using System.CommandLine;
using Cordouan.Cli.Infrastructure;

namespace Cordouan.Cli.Commands.Ha;

/// <summary><c>cord ha …</c>: the HA configuration (which VMs are restarted or moved when their node fails, and where).</summary>
public sealed class HaCommand : Command
{
    public HaCommand(CliHost host)
        : base("ha", "High availability: HA resources (VMs) and HA groups (preferred nodes)")
    {
        Add(new HaResourceCommand(host));
        Add(new HaGroupCommand(host));
        Add(new HaStatusCommand(host));
    }
}
