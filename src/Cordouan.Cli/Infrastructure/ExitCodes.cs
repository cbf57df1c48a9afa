namespace Cordouan.Cli.Infrastructure;

/// <summary>Process exit codes of <c>cord</c>.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The API, the connection or a task failed.</summary>
    public const int Failure = 1;

    /// <summary>The command line was wrong.</summary>
    public const int Usage = 2;

    /// <summary>Interrupted by Ctrl-C or SIGTERM.</summary>
    public const int Interrupted = 130;
}
