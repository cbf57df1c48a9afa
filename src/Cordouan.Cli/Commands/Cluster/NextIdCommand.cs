using System.CommandLine;
using System.Text.Json;
using Cordouan.Cli.Infrastructure;
using Cordouan.Client.Requests;

namespace Cordouan.Cli.Commands.Cluster;

/// <summary><c>cord nextid [--vmid N]</c>: the lowest free VM id, or checks that a given one is free.</summary>
public sealed class NextIdCommand : Command
{
    private readonly CliHost _host;

    private readonly Option<int?> _vmid = new("--vmid")
    {
        Description = "Check that this id is free instead of picking one",
    };

    public NextIdCommand(CliHost host)
        : base("nextid", "Print the next free VM id")
    {
        _host = host;
        Add(_vmid);
        SetAction((parseResult, cancellationToken) => RunAsync(parseResult, cancellationToken));
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var session = _host.OpenSession(parseResult);
        var client = await session.ConnectAsync(cancellationToken);
        await session.Output.ShowAsync(client, ApiRequests.NextId(parseResult.GetValue(_vmid)),
            id => session.Output.WriteLine(id.ValueKind == JsonValueKind.String ? id.GetString()! : id.GetRawText()),
            cancellationToken);
        return ExitCodes.Success;
    }
}
