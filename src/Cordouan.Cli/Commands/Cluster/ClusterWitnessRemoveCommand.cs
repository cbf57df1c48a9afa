using System.CommandLine;
using Cordouan.Cli.Infrastructure;

namespace Cordouan.Cli.Commands.Cluster;

/// <summary><c>cord cluster witness remove</c>.</summary>
public sealed class ClusterWitnessRemoveCommand : Command
{
    private readonly CliHost _host;

    public ClusterWitnessRemoveCommand(CliHost host)
        : base("remove", "Remove the cluster's witness")
    {
        _host = host;
        SetAction((parseResult, cancellationToken) => RunAsync(parseResult, cancellationToken));
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var session = _host.OpenSession(parseResult);
        var client = await session.ConnectAsync(cancellationToken);
        await client.RemoveWitnessAsync(cancellationToken);
        if (session.Output.IsJson)
        {
            session.Output.WriteJson(writer => writer.WriteNullValue());
        }
        else
        {
            session.Output.WriteLine("Removed the witness from the cluster.");
        }
        return ExitCodes.Success;
    }
}
