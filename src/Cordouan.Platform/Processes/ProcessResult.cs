namespace Cordouan.Platform.Processes;

/// <summary>What a finished short-lived command produced.</summary>
public sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError);
