using System.CommandLine;
using System.CommandLine.Parsing;
using Cordouan.Cli.Infrastructure;
using Cordouan.Client.Requests;

namespace Cordouan.Cli.Commands.Ha;

/// <summary>The settings of an HA group, added to <c>add</c> and <c>set</c>; options not given are not sent.</summary>
public sealed class HaGroupOptionSet
{
    public HaGroupOptionSet(Command command, bool nodesRequired)
    {
        Nodes.Required = nodesRequired;
        command.Add(Nodes);
        command.Add(Restricted);
        command.Add(NoFailback);
        command.Add(Comment);
    }

    public Option<string?> Nodes { get; } = new("--nodes") { Description = "Member nodes with optional priorities, highest preferred: n1:2,n2" };

    public Option<string?> Restricted { get; } = BooleanOption.Create("--restricted", "Run the group's VMs only on its nodes (default 0)");

    public Option<string?> NoFailback { get; } = BooleanOption.Create("--nofailback", "Do not move VMs back when a higher-priority node returns (default 0)");

    public Option<string?> Comment { get; } = new("--comment") { Description = "Free text" };

    public HaGroupOptions Read(ParseResult parseResult) => new()
    {
        Nodes = parseResult.GetValue(Nodes),
        Restricted = BooleanOption.Parse(parseResult.GetValue(Restricted)),
        NoFailback = BooleanOption.Parse(parseResult.GetValue(NoFailback)),
        Comment = parseResult.GetValue(Comment),
    };

    /// <summary>True when at least one setting was given.</summary>
    public bool AnyGiven(CommandResult result) =>
        result.GetValue(Nodes) is not null || result.GetValue(Restricted) is not null || result.GetValue(NoFailback) is not null || result.GetValue(Comment) is not null;
}
