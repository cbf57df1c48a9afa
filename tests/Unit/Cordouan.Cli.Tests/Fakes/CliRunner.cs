using Cordouan.Cli.Infrastructure;
using Cordouan.Testing;

namespace Cordouan.Cli.Tests.Fakes;

/// <summary>Runs <c>cord</c> in-process with captured output, its own config file and chosen environment variables.</summary>
public sealed class CliRunner : IDisposable
{
    private readonly TempDirectory _home = new("cord-cli-test");
    private readonly Dictionary<string, string> _variables = [];

    public CliRunner()
    {
        ConfigPath = _home.Combine("config", "cord.json");
        _variables["CORD_CONFIG"] = ConfigPath;
    }

    public string ConfigPath { get; }

    public string Home => _home.Path;

    public TimeProvider Time { get; set; } = TimeProvider.System;

    public string StandardInput { get; set; } = string.Empty;

    public CliRunner WithVariable(string name, string value)
    {
        _variables[name] = value;
        return this;
    }

    public CliEnvironment CreateEnvironment(StringWriter output, StringWriter error) => new()
    {
        Out = output,
        Error = error,
        In = new StringReader(StandardInput),
        OpenStandardInput = () => new MemoryStream(System.Text.Encoding.UTF8.GetBytes(StandardInput)),
        OpenStandardOutput = () => new MemoryStream(),
        GetVariable = name => _variables.GetValueOrDefault(name),
        HomeDirectory = _home.Path,
        Time = Time,
    };

    public async Task<CliResult> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await CordApp.RunAsync(args, CreateEnvironment(output, error), Xunit.TestContext.Current.CancellationToken);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }

    public void Dispose() => _home.Dispose();
}
