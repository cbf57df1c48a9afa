using System.CommandLine;
using System.CommandLine.Parsing;
using Cordouan.Cli.Infrastructure;
using Cordouan.Client.Requests;

namespace Cordouan.Cli.Commands.Ha;

/// <summary>The settings of an HA resource, added to <c>add</c> and <c>set</c>; options not given are not sent.</summary>
public sealed class HaResourceOptionSet
{
    public HaResourceOptionSet(Command command)
    {
        State.AcceptOnlyFromAmong("started", "stopped", "enabled", "disabled", "ignored");
        command.Add(State);
        command.Add(Group);
        command.Add(MaxRestart);
        command.Add(MaxRelocate);
        command.Add(Failback);
        command.Add(Comment);
    }

    public Option<string?> State { get; } = new("--state") { Description = "Requested state: started (default), stopped, disabled or ignored" };

    public Option<string?> Group { get; } = new("--group") { Description = "HA group whose nodes the VM prefers" };

    public Option<int?> MaxRestart { get; } = new("--max-restart") { Description = "Restarts on the same node after a failure, 0-10 (default 1)" };

    public Option<int?> MaxRelocate { get; } = new("--max-relocate") { Description = "Moves to another node once restarts are used up, 0-10 (default 1)" };

    public Option<string?> Failback { get; } = BooleanOption.Create("--failback", "Move back to a higher-priority group node when it returns (default 1)");

    public Option<string?> Comment { get; } = new("--comment") { Description = "Free text" };

    public HaResourceOptions Read(ParseResult parseResult) => new()
    {
        State = parseResult.GetValue(State),
        Group = parseResult.GetValue(Group),
        MaxRestart = parseResult.GetValue(MaxRestart),
        MaxRelocate = parseResult.GetValue(MaxRelocate),
        Failback = BooleanOption.Parse(parseResult.GetValue(Failback)),
        Comment = parseResult.GetValue(Comment),
    };

    /// <summary>True when at least one setting was given.</summary>
    public bool AnyGiven(CommandResult result) =>
        result.GetValue(State) is not null || result.GetValue(Group) is not null || result.GetValue(MaxRestart) is not null
        || result.GetValue(MaxRelocate) is not null || result.GetValue(Failback) is not null || result.GetValue(Comment) is not null;
}
