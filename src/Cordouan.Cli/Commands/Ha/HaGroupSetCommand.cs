using System.CommandLine;
using Cordouan.Cli.Infrastructure;

namespace Cordouan.Cli.Commands.Ha;

/// <summary><c>cord ha group set &lt;group&gt; [settings…] [--delete names] [--digest D]</c>.</summary>
public sealed class HaGroupSetCommand : Command
{
    private readonly CliHost _host;
    private readonly Argument<string> _group = HaArguments.Group();
    private readonly HaGroupOptionSet _settings;
    private readonly Option<string?> _delete = HaArguments.Delete("restricted, nofailback, comment");
    private readonly Option<string?> _digest = HaArguments.Digest();

    public HaGroupSetCommand(CliHost host)
        : base("set", "Change an HA group")
    {
        _host = host;
        Add(_group);
        _settings = new HaGroupOptionSet(this, nodesRequired: false);
        Add(_delete);
        Add(_digest);
        Validators.Add(result =>
        {
            if (!_settings.AnyGiven(result) && string.IsNullOrWhiteSpace(result.GetValue(_delete)))
            {
                result.AddError("Nothing to change: pass a setting such as --nodes n1,n2, and/or --delete names.");
            }
        });
        SetAction((parseResult, cancellationToken) => RunAsync(parseResult, cancellationToken));
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var session = _host.OpenSession(parseResult);
        var client = await session.ConnectAsync(cancellationToken);
        var group = parseResult.GetRequiredValue(_group);
        await client.UpdateHaGroupAsync(group, _settings.Read(parseResult), HaArguments.SplitNames(parseResult.GetValue(_delete)), parseResult.GetValue(_digest), cancellationToken);
        HaOutput.Done(session, $"Updated HA group {group}.");
        return ExitCodes.Success;
    }
}
