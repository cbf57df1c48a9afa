namespace Cordouan.Daemon.Configuration;

/// <summary>
/// One cordouand setting: its key (<c>--key</c> on the command line, <c>key</c> in the TOML file), the placeholder of its
/// value, what it does, and its default as <see cref="DaemonOptions"/> has it (null: none).
/// </summary>
public sealed record DaemonOption(string Key, string Value, string Description, Func<DaemonOptions, string?> Default)
{
    /// <summary>A switch that may stand alone (<c>--witness</c> meaning true).</summary>
    public bool IsFlag { get; init; }

    public string Switch => "--" + Key;
}
