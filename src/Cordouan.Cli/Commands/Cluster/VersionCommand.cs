using System.CommandLine;
using Cordouan.Cli.Infrastructure;
using Cordouan.Client.Requests;

namespace Cordouan.Cli.Commands.Cluster;

/// <summary><c>cord version</c>: the daemon's PVE-compatible version and its own extra keys.</summary>
public sealed class VersionCommand : Command
{
    private readonly CliHost _host;

    public VersionCommand(CliHost host)
        : base("version", "Show the daemon's version")
    {
        _host = host;
        SetAction((parseResult, cancellationToken) => RunAsync(parseResult, cancellationToken));
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var session = _host.OpenSession(parseResult);
        var client = await session.ConnectAsync(cancellationToken);
        await session.Output.ShowAsync(client, ApiRequests.Version(), version =>
        {
            var properties = new List<(string, string?)>
            {
                ("version", version.Version),
                ("release", version.Release),
                ("repoid", version.RepoId),
            };
            properties.AddRange((version.Extra ?? []).OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => (e.Key, (string?)Formatting.JsonValue(e.Value))));
            session.Output.WriteProperties(properties);
        }, cancellationToken);
        return ExitCodes.Success;
    }
}
