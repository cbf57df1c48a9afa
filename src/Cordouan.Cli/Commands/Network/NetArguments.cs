using System.CommandLine;
using Cordouan.Cli.Commands.Cluster;
using Cordouan.Cli.Infrastructure;

namespace Cordouan.Cli.Commands.Network;

/// <summary>Arguments shared by the <c>cord net</c> commands, and what their write commands print.</summary>
public static class NetArguments
{
    public static Argument<string> Node() => ClusterArguments.NodeName("Node whose network to manage");

    public static Argument<string> Iface() => new("iface") { Description = "Interface name, e.g. vmbr1" };

    /// <summary>A sentence in text mode, the API's <c>null</c> in JSON mode.</summary>
    public static void Done(CommandSession session, string sentence)
    {
        if (session.Output.IsJson)
        {
            session.Output.WriteJson(writer => writer.WriteNullValue());
        }
        else
        {
            session.Output.WriteLine(sentence);
        }
    }
}
