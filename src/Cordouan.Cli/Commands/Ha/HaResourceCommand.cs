using System.CommandLine;
using Cordouan.Cli.Infrastructure;

namespace Cordouan.Cli.Commands.Ha;

/// <summary><c>cord ha resource list|add|set|remove</c>.</summary>
public sealed class HaResourceCommand : Command
{
    public HaResourceCommand(CliHost host)
        : base("resource", "VMs managed by HA")
    {
        Add(new HaResourceListCommand(host));
        Add(new HaResourceAddCommand(host));
        Add(new HaResourceSetCommand(host));
        Add(new HaResourceRemoveCommand(host));
    }
}
