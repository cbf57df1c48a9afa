using System.Diagnostics;
using System.Text;

namespace Cordouan.Integration.Tests.Security;

/// <summary>Runs a program as the unprivileged local user nobody (setpriv, argument array), as a local attacker would.</summary>
public static class LocalUser
{
    public static Task<(int Exit, string Output)> RunAsNobodyAsync(CancellationToken cancellationToken, params string[] argv) =>
        RunAsync(["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--", .. argv], cancellationToken);

    public static async Task<(int Exit, string Output)> RunAsync(IReadOnlyList<string> argv, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(argv[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = "/",
        };
        foreach (var argument in argv.Skip(1))
        {
            info.ArgumentList.Add(argument);
        }
        using var process = Process.Start(info)!;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(30));
        var stdout = process.StandardOutput.ReadToEndAsync(deadline.Token);
        var stderr = process.StandardError.ReadToEndAsync(deadline.Token);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        var output = new StringBuilder().Append(await stdout).Append(await stderr).ToString();
        return (process.ExitCode, output);
    }
}
