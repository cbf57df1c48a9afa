using System.Diagnostics;
using Cordouan.Platform.Processes;

namespace Cordouan.Testing;

/// <summary>
/// The live processes whose command line holds one exact argument (e.g. a cluster's ceph.conf path), and killing them
/// all: how the Ceph fixtures and the Ceph bench tear a cluster down whatever state it was left in.
/// </summary>
public static class ProcessesByArgument
{
    /// <summary>Live (not zombie) processes whose argv holds <paramref name="argument"/> as one argument.</summary>
    public static List<int> Find(string argument)
    {
        var pids = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid)
                && ProcessCommandLine.Read(pid).Contains(argument)
                && ProcessStat.TryRead(pid) is { IsRunning: true })
            {
                pids.Add(pid);
            }
        }
        return pids;
    }

    /// <summary>
    /// SIGKILLs every such process, again and again (a supervisor may start them anew) until none is left or
    /// <paramref name="timeout"/> passes; returns whether none is left.
    /// </summary>
    public static async Task<bool> KillAllAsync(string argument, TimeSpan timeout)
    {
        var elapsed = Stopwatch.StartNew();
        while (elapsed.Elapsed < timeout)
        {
            var pids = Find(argument);
            if (pids.Count == 0)
            {
                return true;
            }
            foreach (var pid in pids)
            {
                try
                {
                    using var process = Process.GetProcessById(pid);
                    process.Kill();
                }
                catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
                {
                    // Already gone.
                }
            }
            await Task.Delay(200);
        }
        return Find(argument).Count == 0;
    }
}
