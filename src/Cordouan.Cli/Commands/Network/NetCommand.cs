using System.CommandLine;
using Cordouan.Cli.Infrastructure;

namespace Cordouan.Cli.Commands.Network;

/// <summary><c>cord net …</c>: a node's bridges, staged then applied (Proxmox's <c>/nodes/{node}/network</c>).</summary>
public sealed class NetCommand : Command
{
    public NetCommand(CliHost host)
        : base("net", "Node networks: bridges staged, then applied")
    {
        Add(new NetListCommand(host));
        Add(new NetCreateCommand(host));
        Add(new NetSetCommand(host));
        Add(new NetDeleteCommand(host));
        Add(new NetApplyCommand(host));
        Add(new NetRevertCommand(host));
        Add(new NetLeasesCommand(host));
    }
}
