using System.CommandLine;

namespace Cordouan.Cli.Infrastructure;

/// <summary>
/// An option that takes an explicit yes/no value (<c>--restricted 1</c>, <c>--failback no</c>), for settings a later
/// command may turn off again; unset stays null so nothing is sent. A string option: System.CommandLine's own bool
/// options do not take <c>1</c>/<c>0</c>.
/// </summary>
public static class BooleanOption
{
    public static Option<string?> Create(string name, string description)
    {
        var option = new Option<string?>(name) { Description = description + " (1 or 0)" };
        option.Validators.Add(result =>
        {
            var text = result.GetValueOrDefault<string?>();
            if (text is not null && Parse(text) is null)
            {
                result.AddError($"{name} expects 1 or 0, got '{text}'.");
            }
        });
        return option;
    }

    /// <summary>The value given: 1/yes/true/on or 0/no/false/off; null when not given (or invalid, which the validator reports).</summary>
    public static bool? Parse(string? text) => text?.ToLowerInvariant() switch
    {
        "1" or "yes" or "true" or "on" => true,
        "0" or "no" or "false" or "off" => false,
        _ => null,
    };
}
