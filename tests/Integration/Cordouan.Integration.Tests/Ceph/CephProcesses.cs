using System.Diagnostics;
using Xunit;

namespace Cordouan.Integration.Tests.Ceph;

/// <summary>
/// Ceph's own CLI and the processes of one Cordouan-deployed cluster, found by the ceph.conf path in their command
/// line: what the Ceph fixtures use to check a cluster and to tear it down whatever state a test left.
/// </summary>
public static class CephProcesses
{
    private static readonly TimeSpan KillTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Runs Ceph's own CLI with <paramref name="conf"/> (for checks and test-only settings, never to deploy).</summary>
    public static async Task<string> CliAsync(string conf, string[] arguments, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo("ceph") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-c", conf, "--connect-timeout", "15" }.Concat(arguments))
        {
            info.ArgumentList.Add(arg);
        }
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        Assert.True(process.ExitCode == 0, $"ceph {string.Join(' ', arguments)} failed: {await stderr}");
        return await stdout;
    }

    /// <summary>SIGKILLs every process whose command line names <paramref name="conf"/>, then waits (bounded) until they are gone.</summary>
    public static async Task KillUsingAsync(string conf)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < KillTimeout)
        {
            var pids = Using(conf);
            if (pids.Count == 0)
            {
                return;
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
        throw new InvalidOperationException($"Ceph processes still alive after {KillTimeout.TotalSeconds} s: {string.Join(", ", Using(conf))}");
    }

    /// <summary>Live (not zombie) processes whose argv holds <paramref name="conf"/> as one argument.</summary>
    public static List<int> Using(string conf)
    {
        var pids = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }
            try
            {
                var argv = File.ReadAllText(Path.Combine(dir, "cmdline")).Split('\0');
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                if (argv.Contains(conf) && stat[(stat.LastIndexOf(')') + 2)..][0] != 'Z')
                {
                    pids.Add(pid);
                }
            }
            catch (IOException)
            {
                // Exited while we looked.
            }
        }
        return pids;
    }
}
