using System.ComponentModel;
using System.Diagnostics;

namespace Cordouan.Cli.Commands.Consoles;

/// <summary>
/// Puts the controlling terminal in raw mode with <c>stty raw -echo</c> (stdin inherited, so stty acts on our
/// terminal) and restores the saved settings on dispose.
/// </summary>
public sealed class TerminalRawMode : IAsyncDisposable
{
    private static readonly TimeSpan SttyTimeout = TimeSpan.FromSeconds(5);
    private readonly string _savedSettings;

    private TerminalRawMode(string savedSettings)
    {
        _savedSettings = savedSettings;
    }

    /// <summary>Enters raw mode, or returns null (after a warning) when stty is missing or fails.</summary>
    public static async Task<TerminalRawMode?> TryEnterAsync(TextWriter warnings, CancellationToken cancellationToken)
    {
        var saved = await RunSttyAsync(["-g"], cancellationToken);
        if (saved is null || (await RunSttyAsync(["raw", "-echo"], cancellationToken)) is null)
        {
            await warnings.WriteLineAsync("cord: warning: could not switch the terminal to raw mode (stty); keys are line-buffered.");
            return null;
        }
        return new TerminalRawMode(saved.Trim());
    }

    public async ValueTask DisposeAsync() => await RunSttyAsync([_savedSettings], CancellationToken.None);

    private static async Task<string?> RunSttyAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo("stty")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(SttyTimeout);
        Process? process;
        try
        {
            process = Process.Start(startInfo);
        }
        catch (Win32Exception)
        {
            return null;
        }
        if (process is null)
        {
            return null;
        }
        using (process)
        {
            try
            {
                var output = process.StandardOutput.ReadToEndAsync(deadline.Token);
                var errors = process.StandardError.ReadToEndAsync(deadline.Token);
                await process.WaitForExitAsync(deadline.Token);
                await errors;
                return process.ExitCode == 0 ? await output : null;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                process.Kill(entireProcessTree: true);
                return null;
            }
        }
    }
}
