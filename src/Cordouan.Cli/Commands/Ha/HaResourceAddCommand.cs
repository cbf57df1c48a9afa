using System.CommandLine;
using Cordouan.Cli.Infrastructure;

namespace Cordouan.Cli.Commands.Ha;

/// <summary><c>cord ha resource add &lt;sid&gt; [--state S] [--group G] [--max-restart N] [--max-relocate N] [--failback 1|0] [--comment T]</c>.</summary>
public sealed class HaResourceAddCommand : Command
{
    private readonly CliHost _host;
    private readonly Argument<string> _sid = HaArguments.Sid();
    private readonly HaResourceOptionSet _settings;

    public HaResourceAddCommand(CliHost host)
        : base("add", "Put a VM under HA (its disks must all be on shared storage)")
    {
        _host = host;
        Add(_sid);
        _settings = new HaResourceOptionSet(this);
        SetAction((parseResult, cancellationToken) => RunAsync(parseResult, cancellationToken));
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var session = _host.OpenSession(parseResult);
        var client = await session.ConnectAsync(cancellationToken);
        var sid = parseResult.GetRequiredValue(_sid);
        await client.AddHaResourceAsync(sid, _settings.Read(parseResult), cancellationToken);
        HaOutput.Done(session, $"HA now manages {HaOutput.Sid(sid)}.");
        return ExitCodes.Success;
    }
}
