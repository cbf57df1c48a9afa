using System.Diagnostics;
using System.Globalization;
using Cordouan.Scenarios.Infrastructure;

namespace Cordouan.Scenarios.StartOverhead;

/// <summary>A QEMU the bench starts itself with a given argv (which carries <c>-daemonize</c> and <c>-pidfile</c>).</summary>
public sealed class BareQemu : IAsyncDisposable
{
    private static readonly TimeSpan LaunchTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(15);

    private BareQemu(int pid, string runDirectory)
    {
        Pid = pid;
        RunDirectory = runDirectory;
    }

    /// <summary>The daemonized VM process (from the pidfile).</summary>
    public int Pid { get; }

    public string RunDirectory { get; }

    /// <summary>Runs QEMU and waits for its launcher to exit (the VM is then set up, paused by <c>-S</c>).</summary>
    public static async Task<BareQemu> LaunchAsync(IReadOnlyList<string> argv, string runDirectory, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(argv[0])
        {
            WorkingDirectory = runDirectory,
            RedirectStandardInput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in argv.Skip(1))
        {
            info.ArgumentList.Add(arg);
        }
        using var launcher = Process.Start(info) ?? throw new InvalidOperationException($"could not start {argv[0]}");
        launcher.StandardInput.Close();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(LaunchTimeout);
        var stderr = launcher.StandardError.ReadToEndAsync(deadline.Token);
        try
        {
            await launcher.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            launcher.Kill(entireProcessTree: true);
            KillFromPidFile(argv, runDirectory);
            throw new TimeoutException($"bare QEMU did not finish starting within {LaunchTimeout.TotalSeconds} s");
        }
        var pidFile = QemuArgv.ValueOf(argv, "-pidfile");
        if (launcher.ExitCode != 0 || !File.Exists(pidFile))
        {
            KillFromPidFile(argv, runDirectory);
            var why = stderr.IsCompletedSuccessfully ? stderr.Result.Trim() : "";
            throw new InvalidOperationException($"bare QEMU failed (exit {launcher.ExitCode}): {why}");
        }
        return new BareQemu(ReadPid(pidFile), runDirectory);
    }

    /// <summary>Waits (bounded) until the VM process is gone, killing it if it does not go by itself.</summary>
    public async ValueTask DisposeAsync()
    {
        if (await GoneWithinAsync(Pid, RunDirectory, ExitTimeout))
        {
            return;
        }
        Kill(Pid);
        if (!await GoneWithinAsync(Pid, RunDirectory, ExitTimeout))
        {
            throw new TimeoutException($"bare QEMU {Pid} survived SIGKILL for {ExitTimeout.TotalSeconds} s");
        }
    }

    /// <summary>Asks QEMU to quit; <see cref="DisposeAsync"/> then waits for it.</summary>
    public static async Task QuitAsync(TinyQmp qmp, CancellationToken cancellationToken)
    {
        try
        {
            await qmp.ExecuteAsync("quit", cancellationToken);
        }
        catch (IOException)
        {
            // QEMU may close the socket before its reply reaches us.
        }
    }

    private static void KillFromPidFile(IReadOnlyList<string> argv, string runDirectory)
    {
        var pidFile = QemuArgv.ValueOf(argv, "-pidfile");
        if (File.Exists(pidFile) && ReadPid(pidFile) is var pid && IsOurs(pid, runDirectory))
        {
            Kill(pid);
        }
    }

    private static void Kill(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill();
        }
        catch (ArgumentException)
        {
            // Exited in the meantime.
        }
    }

    private static async Task<bool> GoneWithinAsync(int pid, string runDirectory, TimeSpan timeout)
    {
        var start = Stopwatch.GetTimestamp();
        while (IsOurs(pid, runDirectory))
        {
            if (Stopwatch.GetElapsedTime(start) > timeout)
            {
                return false;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(20), CancellationToken.None);
        }
        return true;
    }

    /// <summary>Only a live process whose argv names our run directory is ours to wait for or kill.</summary>
    private static bool IsOurs(int pid, string runDirectory)
    {
        try
        {
            return ProcStatus.IsRunning(pid) && ProcStatus.CommandLine(pid).Any(a => a.Contains(runDirectory, StringComparison.Ordinal));
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static int ReadPid(string pidFile) =>
        int.Parse(File.ReadAllText(pidFile).Trim(), NumberStyles.None, CultureInfo.InvariantCulture);
}
