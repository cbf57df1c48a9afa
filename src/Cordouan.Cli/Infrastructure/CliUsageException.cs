namespace Cordouan.Cli.Infrastructure;

/// <summary>A usage problem found after parsing (missing server, conflicting options); exits with code 2.</summary>
public sealed class CliUsageException : Exception
{
    public CliUsageException(string message)
        : base(message)
    {
    }
}
