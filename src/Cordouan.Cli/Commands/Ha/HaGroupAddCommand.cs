using System.CommandLine;
using Cordouan.Cli.Infrastructure;

namespace Cordouan.Cli.Commands.Ha;

/// <summary><c>cord ha group add &lt;group&gt; --nodes n1:2,n2 [--restricted 1|0] [--nofailback 1|0] [--comment T]</c>.</summary>
public sealed class HaGroupAddCommand : Command
{
    private readonly CliHost _host;
    private readonly Argument<string> _group = HaArguments.Group();
    private readonly HaGroupOptionSet _settings;

    public HaGroupAddCommand(CliHost host)
        : base("add", "Create an HA group")
    {
        _host = host;
        Add(_group);
        _settings = new HaGroupOptionSet(this, nodesRequired: true);
        SetAction((parseResult, cancellationToken) => RunAsync(parseResult, cancellationToken));
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var session = _host.OpenSession(parseResult);
        var client = await session.ConnectAsync(cancellationToken);
        var group = parseResult.GetRequiredValue(_group);
        await client.AddHaGroupAsync(group, _settings.Read(parseResult), cancellationToken);
        HaOutput.Done(session, $"Created HA group {group}.");
        return ExitCodes.Success;
    }
}
