namespace Cordouan.Cli.Infrastructure;

/// <summary>Whether and how long a command waits for the task it started.</summary>
public sealed record TaskWaitSettings(bool NoWait, TimeSpan Timeout);
