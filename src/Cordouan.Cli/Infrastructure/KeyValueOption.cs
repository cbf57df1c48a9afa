using System.CommandLine;

namespace Cordouan.Cli.Infrastructure;

/// <summary>Repeatable <c>key=value</c> options (<c>--set memory=2048</c>, <c>--disk scsi0=local:4</c>).</summary>
public static class KeyValueOption
{
    /// <summary>A repeatable option whose values must look like <c>key=value</c>; anything else is a usage error.</summary>
    public static Option<string[]> Create(string name, string description)
    {
        var option = new Option<string[]>(name)
        {
            Description = description,
            Arity = ArgumentArity.ZeroOrMore,
            AllowMultipleArgumentsPerToken = false,
        };
        option.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                if (!TryParse(token.Value, out _))
                {
                    result.AddError($"{name} expects key=value, got '{token.Value}'.");
                }
            }
        });
        return option;
    }

    /// <summary>Splits on the first <c>=</c>; the value may contain further <c>=</c> and <c>,</c>.</summary>
    public static bool TryParse(string text, out KeyValuePair<string, string> pair)
    {
        var separator = text.IndexOf('=', StringComparison.Ordinal);
        if (separator <= 0)
        {
            pair = default;
            return false;
        }
        pair = new(text[..separator].Trim(), text[(separator + 1)..]);
        return pair.Key.Length > 0;
    }

    /// <summary>Parses validated values in order.</summary>
    public static IEnumerable<KeyValuePair<string, string>> ParseAll(IEnumerable<string>? values) =>
        (values ?? []).Select(v => TryParse(v, out var pair) ? pair : throw new CliUsageException($"Expected key=value, got '{v}'."));
}
