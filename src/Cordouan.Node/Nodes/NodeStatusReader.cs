using System.Globalization;

namespace Cordouan.Node.Nodes;

/// <summary>Reads <see cref="HostStatus"/> from /proc, /sys and statvfs of /.</summary>
public sealed class NodeStatusReader
{
    public HostStatus Read()
    {
        var meminfo = ReadKeyValues("/proc/meminfo");
        var load = ReadOr("/proc/loadavg", "0 0 0").Split(' ');
        var uptime = double.Parse(ReadOr("/proc/uptime", "0 0").Split(' ')[0], CultureInfo.InvariantCulture);
        var cpuModel = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown"
            : "unknown";
        var root = new DriveInfo("/");
        var cpus = Environment.ProcessorCount;
        var loadOne = double.Parse(load[0], CultureInfo.InvariantCulture);
        return new HostStatus(
            (long)uptime,
            Math.Min(1.0, loadOne / Math.Max(1, cpus)),
            load.Take(3).ToList(),
            cpus,
            cpuModel,
            meminfo.GetValueOrDefault("MemTotal") * 1024,
            meminfo.GetValueOrDefault("MemAvailable") * 1024,
            meminfo.GetValueOrDefault("SwapTotal") * 1024,
            meminfo.GetValueOrDefault("SwapFree") * 1024,
            root.TotalSize,
            root.AvailableFreeSpace,
            ReadOr("/proc/sys/kernel/osrelease", "unknown").Trim(),
            ReadOr("/proc/sys/kernel/version", "unknown").Trim());
    }

    private static string ReadOr(string path, string fallback) => File.Exists(path) ? File.ReadAllText(path) : fallback;

    private static Dictionary<string, long> ReadKeyValues(string path)
    {
        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            return result;
        }
        foreach (var line in File.ReadLines(path))
        {
            var parts = line.Split(':', 2);
            if (parts.Length == 2 && long.TryParse(parts[1].Trim().Split(' ')[0], out var value))
            {
                result[parts[0]] = value;
            }
        }
        return result;
    }
}
