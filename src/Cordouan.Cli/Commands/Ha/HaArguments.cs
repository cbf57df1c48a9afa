using System.CommandLine;

namespace Cordouan.Cli.Commands.Ha;

/// <summary>Shared argument shapes of the HA commands; the daemon checks their content.</summary>
public static class HaArguments
{
    public static Argument<string> Sid() => new("sid") { Description = "The VM: its id (100) or HA resource id (vm:100)" };

    public static Argument<string> Group() => new("group") { Description = "HA group name (a letter, then letters, digits, '-' or '_')" };

    /// <summary><c>--delete</c> of the set commands: option names to reset to their defaults.</summary>
    public static Option<string?> Delete(string names) => new("--delete") { Description = $"Reset options to their defaults, comma-separated ({names})" };

    public static Option<string?> Digest() => new("--digest") { Description = "Refuse the change if the configuration changed since this digest was read" };

    /// <summary>The option names of a <c>--delete</c> value, split on <c>,</c>, <c>;</c> or spaces as PVE does.</summary>
    public static IReadOnlyList<string> SplitNames(string? text) =>
        (text ?? string.Empty).Split([',', ';', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
