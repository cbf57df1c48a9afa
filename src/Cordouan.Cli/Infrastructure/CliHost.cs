using System.CommandLine;
using Cordouan.Cli.Configuration;

namespace Cordouan.Cli.Infrastructure;

/// <summary>What every command is built with: the process environment and the global options.</summary>
public sealed class CliHost
{
    public CliHost(CliEnvironment environment)
    {
        Environment = environment;
        ConfigStore = new CordConfigStore(CordConfigStore.ResolvePath(environment.GetVariable, environment.HomeDirectory));
    }

    public CliEnvironment Environment { get; }

    public GlobalOptions Globals { get; } = new();

    public CordConfigStore ConfigStore { get; }

    /// <summary>Starts one command invocation: output format, connection settings, lazily connected client.</summary>
    public CommandSession OpenSession(ParseResult parseResult) => new(this, parseResult);
}
