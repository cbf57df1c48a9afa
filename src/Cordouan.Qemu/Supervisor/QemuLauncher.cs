using Cordouan.Platform.Processes;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using Cordouan.Core.Errors;
using Cordouan.Core.Ids;
using Cordouan.Qemu.CommandLine;

namespace Cordouan.Qemu.Supervisor;

/// <summary>
/// Spawns QEMU with <c>-daemonize</c>: the process we start exits once the VM process (in its own session,
/// so it outlives us) is set up. Its stderr until then goes to <c>qemu.log</c>; a failure raises
/// <see cref="ExternalCommandException"/> "Failed to start VM {id}: {qemu's error}" and leaves no process. Under
/// systemd, QEMU starts in the VM's own scope (<see cref="QemuScope"/>).
/// </summary>
internal sealed class QemuLauncher(QemuOptions options, TimeProvider timeProvider)
{
    /// <summary>Bound on draining QEMU's output after the launcher process exits (the daemon closes it when set up).</summary>
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Starts QEMU and returns the daemon's pid (from the pidfile).</summary>
    public async Task<int> LaunchAsync(VmId vmId, IReadOnlyList<string> argv, QemuRunPaths paths, CancellationToken cancellationToken)
    {
        if (options.SystemdScopes)
        {
            await QemuScope.ClearAsync(vmId, cancellationToken);
            argv = QemuScope.Wrap(vmId, argv);
        }
        var info = new ProcessStartInfo(argv[0])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = paths.RunDirectory,
        };
        foreach (var arg in argv.Skip(1))
        {
            info.ArgumentList.Add(arg);
        }
        using var process = new Process { StartInfo = info };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new ExternalCommandException($"Failed to start VM {vmId}: cannot run {argv[0]}: {e.Message}", argv, -1, e.Message);
        }
        process.StandardInput.Close();
        using var drain = new CancellationTokenSource();
        var stderr = process.StandardError.ReadToEndAsync(drain.Token);
        var stdout = process.StandardOutput.ReadToEndAsync(drain.Token);

        using var timeout = new CancellationTokenSource(options.StartTimeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await process.WaitForExitAsync(linked.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            KillDaemon(paths);
            await drain.CancelAsync();
            if (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            var message = $"QEMU did not finish starting within {options.StartTimeout.TotalSeconds:0.#} s";
            throw new ExternalCommandException($"Failed to start VM {vmId}: {message}", argv, -1, message);
        }

        drain.CancelAfter(DrainTimeout);
        var output = await ReadOrEmptyAsync(stderr) + await ReadOrEmptyAsync(stdout);
        await File.WriteAllTextAsync(paths.LogFile, output, CancellationToken.None);
        if (process.ExitCode != 0)
        {
            KillDaemon(paths);
            var tail = Tail(output);
            var why = tail.Length > 0 ? tail : $"qemu exited with code {process.ExitCode}";
            throw new ExternalCommandException($"Failed to start VM {vmId}: {why}", argv, process.ExitCode, tail);
        }
        if (ReadPidFile(paths) is not { } pid)
        {
            throw new ExternalCommandException(
                $"Failed to start VM {vmId}: QEMU reported success but wrote no pidfile {paths.PidFile}", argv, 0, Tail(output));
        }
        return pid;
    }

    /// <summary>The pid QEMU wrote, or null.</summary>
    public static int? ReadPidFile(QemuRunPaths paths)
    {
        try
        {
            return int.TryParse(File.ReadAllText(paths.PidFile).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Kills a daemon that got as far as writing its pidfile, if it is really this VM's QEMU.</summary>
    private static void KillDaemon(QemuRunPaths paths)
    {
        if (ReadPidFile(paths) is { } pid && ProcessStat.TryRead(pid) is { IsRunning: true } && ProcFs.IsQemuFor(ProcFs.ReadCommandLine(pid), paths))
        {
            ProcFs.Kill(pid);
        }
    }

    private static async Task<string> ReadOrEmptyAsync(Task<string> read)
    {
        try
        {
            return await read;
        }
        catch (OperationCanceledException)
        {
            return "";
        }
    }

    private static string Tail(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var tail = string.Join(" | ", lines.Skip(Math.Max(0, lines.Length - 3)));
        return tail.Length > 600 ? tail[^600..] : tail;
    }
}
