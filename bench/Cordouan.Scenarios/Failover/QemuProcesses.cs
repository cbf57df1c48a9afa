using System.Diagnostics;
using System.Globalization;
using Cordouan.Testing.Daemon;

namespace Cordouan.Scenarios.Failover;

/// <summary>The QEMU processes serving a VM for one node, found in <c>/proc</c> by the node's run directory in their argv.</summary>
public static class QemuProcesses
{
    /// <summary>Pids of the QEMUs of <paramref name="vmid"/> started by <paramref name="node"/> (a starting QEMU's <c>-daemonize</c> fork may show twice).</summary>
    public static IReadOnlyList<int> Of(CordouandNode node, int vmid)
    {
        var marker = $"{node.Data.Path}/run/qemu/{vmid.ToString(CultureInfo.InvariantCulture)}/";
        var pids = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }
            string commandLine;
            try
            {
                commandLine = File.ReadAllText(Path.Combine(directory, "cmdline"));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Exited between the listing and the read.
                continue;
            }
            if (commandLine.Contains("qemu-system", StringComparison.Ordinal) && commandLine.Contains(marker, StringComparison.Ordinal))
            {
                pids.Add(pid);
            }
        }
        return pids;
    }

    /// <summary>Scans every <paramref name="interval"/> until a QEMU of the VM exists for <paramref name="node"/>; returns when it was first seen (<see cref="Stopwatch"/> ticks).</summary>
    public static async Task<long> WaitForAsync(CordouandNode node, int vmid, TimeSpan interval, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        while (true)
        {
            var scan = Stopwatch.GetTimestamp();
            if (Of(node, vmid).Count > 0)
            {
                // The end of the scan that found it: late by at most one interval, never early.
                return Stopwatch.GetTimestamp();
            }
            if (Stopwatch.GetElapsedTime(start) > timeout)
            {
                throw new TimeoutException($"no QEMU of VM {vmid} on {node.NodeName} within {timeout.TotalSeconds:0} s");
            }
            await ClusterMembership.Pacing.NextAsync(interval, scan, cancellationToken);
        }
    }
}
