using System.Globalization;

namespace Cordouan.Qemu.Stats;

/// <summary>What <c>/proc/&lt;pid&gt;</c> tells about a process's use of the host: CPU time and resident memory.</summary>
internal static class ProcessUsage
{
    /// <summary>USER_HZ, the unit of <c>/proc/&lt;pid&gt;/stat</c> times: 100 on every Linux architecture we run on.</summary>
    public const int ClockTicksPerSecond = 100;

    /// <summary>
    /// utime + stime (fields 14 and 15 of a <c>/proc/&lt;pid&gt;/stat</c> line, in clock ticks), or null when the line
    /// is not one. The command name (field 2) may hold spaces and parentheses: fields are counted after the last ')'.
    /// </summary>
    public static long? ParseCpuTicks(string stat)
    {
        var close = stat.LastIndexOf(')');
        if (close < 0 || close + 2 >= stat.Length)
        {
            return null;
        }
        // fields[0] is field 3 (state): utime is field 14, stime field 15.
        var fields = stat[(close + 2)..].Split(' ');
        if (fields.Length < 13
            || !long.TryParse(fields[11], NumberStyles.None, CultureInfo.InvariantCulture, out var user)
            || !long.TryParse(fields[12], NumberStyles.None, CultureInfo.InvariantCulture, out var system))
        {
            return null;
        }
        return user + system;
    }

    /// <summary>The <c>VmRSS</c> line of a <c>/proc/&lt;pid&gt;/status</c> text in bytes, or 0 when absent.</summary>
    public static long ParseResidentBytes(string status)
    {
        foreach (var line in status.AsSpan().EnumerateLines())
        {
            if (!line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                continue;
            }
            var value = line["VmRSS:".Length..].Trim();
            var space = value.IndexOf(' ');
            var number = space < 0 ? value : value[..space];
            return long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var kib) ? kib * 1024 : 0;
        }
        return 0;
    }

    /// <summary>
    /// Host CPUs kept busy between two readings of a process's CPU time: <paramref name="ticks"/> of CPU over
    /// <paramref name="elapsed"/> of wall time (Proxmox's <c>vmstatus</c> before it divides by the VM's CPUs).
    /// 0 when no time passed or the counter went backwards (another process behind the same pid).
    /// </summary>
    public static double CpuCores(long ticks, TimeSpan elapsed)
    {
        if (ticks <= 0 || elapsed <= TimeSpan.Zero)
        {
            return 0;
        }
        return ticks / (elapsed.TotalSeconds * ClockTicksPerSecond);
    }

    public static long? ReadCpuTicks(int pid) => TryRead($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat") is { } stat ? ParseCpuTicks(stat) : null;

    public static long ReadResidentBytes(int pid) => TryRead($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/status") is { } status ? ParseResidentBytes(status) : 0;

    private static string? TryRead(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
