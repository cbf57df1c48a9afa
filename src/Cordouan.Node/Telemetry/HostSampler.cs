using System.Globalization;
using Cordouan.Node.Nodes;

namespace Cordouan.Node.Telemetry;

/// <summary>
/// This host's figures under Proxmox's node series names: <see cref="NodeStatusReader"/>'s, plus CPU and I/O wait from
/// /proc/stat (shares since the previous call), network byte counters from /proc/net/dev (physical and bridge links,
/// not VM taps) and pressure stall averages from /proc/pressure. Not thread-safe: one collector calls it.
/// </summary>
public sealed class HostSampler(NodeStatusReader reader)
{
    private long[]? _lastCpu;

    public Dictionary<string, double> Sample()
    {
        var host = reader.Read();
        var figures = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["loadavg"] = double.Parse(host.LoadAverage[0], CultureInfo.InvariantCulture),
            ["maxcpu"] = host.Cpus,
            ["memtotal"] = host.MemoryTotal,
            ["memused"] = host.MemoryTotal - host.MemoryAvailable,
            ["memavailable"] = host.MemoryAvailable,
            ["swaptotal"] = host.SwapTotal,
            ["swapused"] = host.SwapTotal - host.SwapFree,
            ["roottotal"] = host.RootTotal,
            ["rootused"] = host.RootTotal - host.RootAvailable,
            ["uptime"] = host.UptimeSeconds,
        };
        AddCpu(figures);
        AddNetwork(figures);
        AddPressure(figures, "cpu", "pressurecpusome", null);
        AddPressure(figures, "io", "pressureiosome", "pressureiofull");
        AddPressure(figures, "memory", "pressurememorysome", "pressurememoryfull");
        return figures;
    }

    private void AddCpu(Dictionary<string, double> figures)
    {
        var line = ReadLines("/proc/stat").FirstOrDefault(l => l.StartsWith("cpu ", StringComparison.Ordinal));
        if (line is null)
        {
            return;
        }
        // user nice system idle iowait irq softirq steal (guest time is already counted in user).
        var ticks = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8)
            .Select(t => long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0).ToArray();
        var last = _lastCpu;
        _lastCpu = ticks;
        if (last is null || ticks.Length < 5 || last.Length != ticks.Length)
        {
            return;
        }
        var total = ticks.Sum() - last.Sum();
        if (total <= 0)
        {
            return;
        }
        var idle = ticks[3] - last[3];
        var iowait = ticks[4] - last[4];
        figures["cpu"] = Math.Clamp((total - idle - iowait) / (double)total, 0, 1);
        figures["iowait"] = Math.Clamp(iowait / (double)total, 0, 1);
    }

    private static void AddNetwork(Dictionary<string, double> figures)
    {
        double received = 0, sent = 0;
        var any = false;
        foreach (var line in ReadLines("/proc/net/dev").Skip(2))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                continue;
            }
            var name = line[..colon].Trim();
            // As Proxmox's node netin/netout: the host's own links, not loopback nor the VMs' taps and veths.
            if (name == "lo" || name.StartsWith("tap", StringComparison.Ordinal) || name.StartsWith("veth", StringComparison.Ordinal)
                || name.StartsWith("fwpr", StringComparison.Ordinal) || name.StartsWith("fwln", StringComparison.Ordinal))
            {
                continue;
            }
            var fields = line[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length >= 9 && double.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var rx)
                && double.TryParse(fields[8], NumberStyles.None, CultureInfo.InvariantCulture, out var tx))
            {
                received += rx;
                sent += tx;
                any = true;
            }
        }
        if (any)
        {
            figures["netin"] = received;
            figures["netout"] = sent;
        }
    }

    private static void AddPressure(Dictionary<string, double> figures, string resource, string some, string? full)
    {
        foreach (var line in ReadLines($"/proc/pressure/{resource}"))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var name = parts.Length > 1 ? parts[0] switch { "some" => some, "full" => full, _ => null } : null;
            var avg10 = parts.FirstOrDefault(p => p.StartsWith("avg10=", StringComparison.Ordinal));
            if (name is not null && avg10 is not null && double.TryParse(avg10["avg10=".Length..], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                // A percentage, stored as the kernel gives it (as pvestatd does).
                figures[name] = value;
            }
        }
    }

    private static string[] ReadLines(string path)
    {
        try
        {
            return File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
