using System.CommandLine;
using Cordouan.Cli.Infrastructure;

namespace Cordouan.Cli.Commands.Ceph;

/// <summary><c>cord ceph …</c>: deploy and watch the Ceph cluster.</summary>
public sealed class CephCommand : Command
{
    public CephCommand(CliHost host)
        : base("ceph", "Deploy and manage Ceph: monitors, managers, OSDs, pools")
    {
        Add(new CephInitCommand(host));
        Add(new CephStatusCommand(host));
        Add(Group("mon", "Ceph monitors", new CephDaemonCreateCommand(host, "mon"), new CephDaemonDestroyCommand(host, "mon")));
        Add(Group("mgr", "Ceph managers", new CephDaemonCreateCommand(host, "mgr"), new CephDaemonDestroyCommand(host, "mgr")));
        Add(Group("osd", "Ceph OSDs (one per block device)", new CephOsdCreateCommand(host), new CephOsdDestroyCommand(host)));
        Add(Group("pool", "Ceph pools", new CephPoolListCommand(host), new CephPoolCreateCommand(host), new CephPoolDestroyCommand(host)));
    }

    private static Command Group(string name, string description, params Command[] subcommands)
    {
        var group = new Command(name, description);
        foreach (var subcommand in subcommands)
        {
            group.Add(subcommand);
        }
        return group;
    }
}
