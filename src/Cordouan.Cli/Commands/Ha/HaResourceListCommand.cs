using System.CommandLine;
using System.Globalization;
using Cordouan.Cli.Infrastructure;
using Cordouan.Client.Requests;

namespace Cordouan.Cli.Commands.Ha;

/// <summary><c>cord ha resource list</c>.</summary>
public sealed class HaResourceListCommand : Command
{
    private readonly CliHost _host;

    public HaResourceListCommand(CliHost host)
        : base("list", "List the VMs managed by HA and their settings")
    {
        _host = host;
        SetAction((parseResult, cancellationToken) => RunAsync(parseResult, cancellationToken));
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var session = _host.OpenSession(parseResult);
        var client = await session.ConnectAsync(cancellationToken);
        await session.Output.ShowAsync(client, ApiRequests.HaResources(), items =>
            session.Output.WriteTable(
                ["SID", "STATE", "GROUP", "MAX RESTART", "MAX RELOCATE", "FAILBACK", "COMMENT"],
                items.OrderBy(r => r.Sid, StringComparer.Ordinal).Select(r => new[]
                {
                    r.Sid, r.State, r.Group, r.MaxRestart?.ToString(CultureInfo.InvariantCulture), r.MaxRelocate?.ToString(CultureInfo.InvariantCulture),
                    Formatting.YesNo(r.Failback), r.Comment,
                })),
            cancellationToken);
        return ExitCodes.Success;
    }
}
