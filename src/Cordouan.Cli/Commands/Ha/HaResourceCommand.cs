using System.CommandLine;
using Cordouan.Cli.Infrastructure;

namespace Cordouan.Cli.Commands.Ha;

/// <summary><c>cord ha resource list|add|set|migrate|relocate|remove</c>.</summary>
public sealed class HaResourceCommand : Command
{
    public HaResourceCommand(CliHost host)
        : base("resource", "VMs managed by HA")
    {
        Add(new HaResourceListCommand(host));
        Add(new HaResourceAddCommand(host));
        Add(new HaResourceSetCommand(host));
        Add(new HaResourceMoveCommand(host, "migrate", "Move an HA VM to another node live (offline if it is stopped)"));
        Add(new HaResourceMoveCommand(host, "relocate", "Move an HA VM to another node with a restart (stop, move, start)"));
        Add(new HaResourceRemoveCommand(host));
    }
}
