using System.CommandLine;
using Cordouan.Cli.Infrastructure;

namespace Cordouan.Cli.Commands.Ha;

/// <summary><c>cord ha group list|add|set|remove</c>.</summary>
public sealed class HaGroupCommand : Command
{
    public HaGroupCommand(CliHost host)
        : base("group", "HA groups: the nodes a resource prefers, with priorities")
    {
        Add(new HaGroupListCommand(host));
        Add(new HaGroupAddCommand(host));
        Add(new HaGroupSetCommand(host));
        Add(new HaGroupRemoveCommand(host));
    }
}
