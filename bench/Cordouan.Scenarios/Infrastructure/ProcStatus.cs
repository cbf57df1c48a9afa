using System.Globalization;

namespace Cordouan.Scenarios.Infrastructure;

/// <summary>Reads <c>/proc/&lt;pid&gt;/status</c> and <c>/proc/&lt;pid&gt;/cmdline</c>.</summary>
public static class ProcStatus
{
    /// <summary>A <c>kB</c> field of the status file (e.g. <c>VmRSS</c>) in MB, or null when absent.</summary>
    public static double? MegabytesOf(int pid, string field) =>
        Field(pid, field) is { } value && long.TryParse(value.Split(' ')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var kib)
            ? kib / 1024.0
            : null;

    /// <summary>The processes whose parent is <paramref name="parentPid"/> and whose name is <paramref name="name"/>.</summary>
    public static IEnumerable<int> ChildrenNamed(int parentPid, string name)
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && Field(pid, "PPid") == parentPid.ToString(CultureInfo.InvariantCulture)
                && Field(pid, "Name") == name)
            {
                yield return pid;
            }
        }
    }

    /// <summary>The argv of a running process (NUL-separated in procfs).</summary>
    public static IReadOnlyList<string> CommandLine(int pid) =>
        File.ReadAllText($"/proc/{pid}/cmdline").Split('\0', StringSplitOptions.None) is var parts && parts.Length > 0 && parts[^1].Length == 0
            ? parts[..^1]
            : throw new InvalidOperationException($"process {pid} has no readable command line");

    public static bool IsRunning(int pid) => Field(pid, "State") is { } state && !state.StartsWith('Z');

    private static string? Field(int pid, string field)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines($"/proc/{pid}/status");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        var prefix = field + ":";
        return lines.FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal))?[prefix.Length..].Trim();
    }
}
