namespace Cordouan.Cli.Tests.Fakes;

/// <summary>Exit code and captured streams of one in-process <c>cord</c> run.</summary>
public sealed record CliResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Output}\n--- stderr ---\n{Error}";
}
