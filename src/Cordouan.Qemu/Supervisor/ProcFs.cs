using System.Globalization;
using Cordouan.Platform.Processes;
using Cordouan.Qemu.CommandLine;

namespace Cordouan.Qemu.Supervisor;

/// <summary>Reads process facts from <c>/proc</c>; works for processes that are not our children.</summary>
internal static class ProcFs
{
    /// <summary>USER_HZ: the unit of <c>/proc/&lt;pid&gt;/stat</c> times; 100 on every Linux architecture we run on.</summary>
    private const int ClockTicksPerSecond = 100;

    public static IReadOnlyList<string> ReadCommandLine(int pid) => ProcessCommandLine.Read(pid);

    /// <summary>True when <paramref name="commandLine"/> is a QEMU serving the QMP socket of <paramref name="paths"/> (guards against pid reuse).</summary>
    public static bool IsQemuFor(IReadOnlyList<string> commandLine, QemuRunPaths paths)
    {
        if (commandLine.Count == 0 || !Path.GetFileName(commandLine[0]).StartsWith("qemu-system", StringComparison.Ordinal))
        {
            return false;
        }
        for (var i = 0; i + 1 < commandLine.Count; i++)
        {
            if (commandLine[i] == "-qmp" && commandLine[i + 1] == paths.QmpArgument)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Wall-clock start of a process from its start ticks and the boot time in <c>/proc/stat</c>.</summary>
    public static DateTimeOffset StartTime(long startTicks)
    {
        foreach (var line in File.ReadLines("/proc/stat"))
        {
            if (line.StartsWith("btime ", StringComparison.Ordinal)
                && long.TryParse(line.AsSpan(6), CultureInfo.InvariantCulture, out var bootSeconds))
            {
                return DateTimeOffset.FromUnixTimeSeconds(bootSeconds).AddSeconds((double)startTicks / ClockTicksPerSecond);
            }
        }
        throw new InvalidOperationException("/proc/stat has no btime line");
    }

    /// <summary>Polls until the process is gone (or a zombie); false when <paramref name="timeout"/> passes first.</summary>
    public static async Task<bool> WaitForExitAsync(
        int pid, long startTicks, TimeSpan timeout, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var deadline = timeProvider.GetTimestamp() + (long)(timeout.TotalSeconds * timeProvider.TimestampFrequency);
        while (ProcessStat.IsRunning(pid, startTicks))
        {
            if (timeProvider.GetTimestamp() >= deadline)
            {
                return false;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(50), timeProvider, cancellationToken);
        }
        return true;
    }

    /// <summary>Sends SIGKILL; a process that is already gone is not an error.</summary>
    public static void Kill(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            process.Kill();
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Exited between our check and the signal.
        }
    }
}
