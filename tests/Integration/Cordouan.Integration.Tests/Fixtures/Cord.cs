using System.Diagnostics;
using Cordouan.Testing.Daemon;

namespace Cordouan.Integration.Tests.Fixtures;

/// <summary>Runs the real `cord` binary with its own config file, bounded, and returns its exit code and output.</summary>
public static class Cord
{
    public static async Task<(int Exit, string Output)> RunAsync(string config, TimeSpan timeout, CancellationToken ct, params string[] args)
    {
        var info = new ProcessStartInfo(RepoPaths.Cord) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        info.Environment["CORD_CONFIG"] = config;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return (process.ExitCode, await stdout + await stderr);
    }
}
