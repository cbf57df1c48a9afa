using System.CommandLine;
using Cordouan.Cli.Infrastructure;

namespace Cordouan.Cli.Commands.Ha;

/// <summary><c>cord ha group remove &lt;group&gt;</c>: refused while a resource uses the group.</summary>
public sealed class HaGroupRemoveCommand : Command
{
    private readonly CliHost _host;
    private readonly Argument<string> _group = HaArguments.Group();

    public HaGroupRemoveCommand(CliHost host)
        : base("remove", "Delete an HA group no resource uses")
    {
        _host = host;
        Add(_group);
        SetAction((parseResult, cancellationToken) => RunAsync(parseResult, cancellationToken));
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var session = _host.OpenSession(parseResult);
        var client = await session.ConnectAsync(cancellationToken);
        var group = parseResult.GetRequiredValue(_group);
        await client.RemoveHaGroupAsync(group, cancellationToken);
        HaOutput.Done(session, $"Deleted HA group {group}.");
        return ExitCodes.Success;
    }
}
