using System.CommandLine;
using Cordouan.Cli.Infrastructure;

namespace Cordouan.Cli.Commands.Ha;

/// <summary><c>cord ha resource set &lt;sid&gt; [settings…] [--delete names] [--digest D]</c>.</summary>
public sealed class HaResourceSetCommand : Command
{
    private readonly CliHost _host;
    private readonly Argument<string> _sid = HaArguments.Sid();
    private readonly HaResourceOptionSet _settings;
    private readonly Option<string?> _delete = HaArguments.Delete("state, group, max_restart, max_relocate, failback, comment");
    private readonly Option<string?> _digest = HaArguments.Digest();

    public HaResourceSetCommand(CliHost host)
        : base("set", "Change the HA settings of a VM")
    {
        _host = host;
        Add(_sid);
        _settings = new HaResourceOptionSet(this);
        Add(_delete);
        Add(_digest);
        Validators.Add(result =>
        {
            if (!_settings.AnyGiven(result) && string.IsNullOrWhiteSpace(result.GetValue(_delete)))
            {
                result.AddError("Nothing to change: pass a setting such as --state stopped, and/or --delete names.");
            }
        });
        SetAction((parseResult, cancellationToken) => RunAsync(parseResult, cancellationToken));
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var session = _host.OpenSession(parseResult);
        var client = await session.ConnectAsync(cancellationToken);
        var sid = parseResult.GetRequiredValue(_sid);
        await client.UpdateHaResourceAsync(sid, _settings.Read(parseResult), HaArguments.SplitNames(parseResult.GetValue(_delete)), parseResult.GetValue(_digest), cancellationToken);
        HaOutput.Done(session, $"Updated the HA settings of {HaOutput.Sid(sid)}.");
        return ExitCodes.Success;
    }
}
