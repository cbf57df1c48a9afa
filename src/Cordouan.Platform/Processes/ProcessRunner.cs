using System.Diagnostics;
using Cordouan.Core.Errors;

namespace Cordouan.Platform.Processes;

/// <summary>
/// Runs short external commands from an argument array (never a shell string).
/// A non-zero exit raises <see cref="ExternalCommandException"/> with argv, exit code and the tail of stderr;
/// cancellation kills the whole process tree.
/// </summary>
public sealed class ProcessRunner
{
    /// <summary>Runs <paramref name="argv"/> and throws on a non-zero exit.</summary>
    public async Task<ProcessResult> RunCheckedAsync(IReadOnlyList<string> argv, CancellationToken cancellationToken, string? standardInput = null)
    {
        var result = await RunAsync(argv, cancellationToken, standardInput);
        if (result.ExitCode != 0)
        {
            var tail = Tail(result.StandardError.Length > 0 ? result.StandardError : result.StandardOutput);
            throw new ExternalCommandException(
                $"Failed to run {argv[0]}: exit code {result.ExitCode}: {tail}", argv, result.ExitCode, tail);
        }
        return result;
    }

    /// <summary>Runs <paramref name="argv"/> and returns whatever exit code it had.</summary>
    public async Task<ProcessResult> RunAsync(IReadOnlyList<string> argv, CancellationToken cancellationToken, string? standardInput = null)
    {
        ArgumentOutOfRangeException.ThrowIfZero(argv.Count);
        var info = new ProcessStartInfo(argv[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = standardInput is not null,
            UseShellExecute = false,
        };
        for (var i = 1; i < argv.Count; i++)
        {
            info.ArgumentList.Add(argv[i]);
        }
        using var process = new Process { StartInfo = info };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new ExternalCommandException($"Failed to run {argv[0]}: {e.Message} (is it installed?)", argv, -1, e.Message);
        }
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        if (standardInput is not null)
        {
            await process.StandardInput.WriteAsync(standardInput.AsMemory(), cancellationToken);
            process.StandardInput.Close();
        }
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return new ProcessResult(process.ExitCode, await stdout, await stderr);
    }

    private static string Tail(string text)
    {
        var trimmed = text.Trim();
        var lines = trimmed.Split('\n');
        var tail = string.Join(" | ", lines.Skip(Math.Max(0, lines.Length - 3)));
        return tail.Length > 600 ? tail[^600..] : tail;
    }
}
