using System.CommandLine;
using Cordouan.Cli.Infrastructure;

namespace Cordouan.Cli.Commands.Ha;

/// <summary><c>cord ha resource remove &lt;sid&gt;</c>: the VM leaves HA; the VM itself is untouched.</summary>
public sealed class HaResourceRemoveCommand : Command
{
    private readonly CliHost _host;
    private readonly Argument<string> _sid = HaArguments.Sid();

    public HaResourceRemoveCommand(CliHost host)
        : base("remove", "Take a VM out of HA (the VM keeps running or stays stopped)")
    {
        _host = host;
        Add(_sid);
        SetAction((parseResult, cancellationToken) => RunAsync(parseResult, cancellationToken));
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var session = _host.OpenSession(parseResult);
        var client = await session.ConnectAsync(cancellationToken);
        var sid = parseResult.GetRequiredValue(_sid);
        await client.RemoveHaResourceAsync(sid, cancellationToken);
        HaOutput.Done(session, $"HA no longer manages {HaOutput.Sid(sid)}.");
        return ExitCodes.Success;
    }
}
