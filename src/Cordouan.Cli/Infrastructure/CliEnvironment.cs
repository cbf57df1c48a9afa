using Microsoft.Win32.SafeHandles;

namespace Cordouan.Cli.Infrastructure;

/// <summary>Everything <c>cord</c> takes from its process (streams, variables, home, clock), so tests can supply their own.</summary>
public sealed record CliEnvironment
{
    public required TextWriter Out { get; init; }

    public required TextWriter Error { get; init; }

    public required TextReader In { get; init; }

    /// <summary>Raw standard input and output, for the serial console.</summary>
    public required Func<Stream> OpenStandardInput { get; init; }

    public required Func<Stream> OpenStandardOutput { get; init; }

    public required Func<string, string?> GetVariable { get; init; }

    public required string HomeDirectory { get; init; }

    /// <summary>True when standard input is a terminal (password prompt, raw console mode).</summary>
    public bool IsInputTerminal { get; init; }

    /// <summary>True when standard output is a terminal (spinners, table width).</summary>
    public bool IsOutputTerminal { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The real process environment.</summary>
    public static CliEnvironment FromProcess() => new()
    {
        Out = Console.Out,
        Error = Console.Error,
        In = Console.In,
        // Not Console.OpenStandardInput(): on a terminal that stream does line editing and echo, which raw mode must avoid.
        OpenStandardInput = () => new FileStream(new SafeFileHandle(0, ownsHandle: false), FileAccess.Read, bufferSize: 0),
        OpenStandardOutput = Console.OpenStandardOutput,
        GetVariable = Environment.GetEnvironmentVariable,
        HomeDirectory = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile),
        IsInputTerminal = !Console.IsInputRedirected,
        IsOutputTerminal = !Console.IsOutputRedirected,
    };
}
