using System.Globalization;
using System.Text;

namespace Cordouan.Node.Telemetry.MetricServers;

/// <summary>
/// A snapshot in Graphite's plaintext protocol, with Proxmox's paths: <c>PATH.nodes.NODE.FIELD</c>,
/// <c>PATH.qemu.VMID.FIELD</c>, <c>PATH.storages.NODE.STORAGE.FIELD</c> (PATH defaults to <c>proxmox</c>).
/// </summary>
public static class GraphiteFormatter
{
    public static IReadOnlyList<string> Lines(string path, string node, TelemetrySnapshot snapshot)
    {
        var time = snapshot.Time.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var lines = new List<string>();
        void Add(string prefix, IEnumerable<KeyValuePair<string, double>> values)
        {
            foreach (var (key, value) in values.OrderBy(v => v.Key, StringComparer.Ordinal).Where(v => double.IsFinite(v.Value)))
            {
                lines.Add($"{prefix}.{Segment(key)} {value.ToString("R", CultureInfo.InvariantCulture)} {time}");
            }
        }
        Add($"{path}.nodes.{Segment(node)}", snapshot.Node);
        foreach (var vm in snapshot.Vms)
        {
            Add($"{path}.qemu.{vm.VmId.ToString(CultureInfo.InvariantCulture)}", vm.Values.Append(new("status", vm.Running ? 1 : 0)));
        }
        foreach (var s in snapshot.Storages)
        {
            Add($"{path}.storages.{Segment(node)}.{Segment(s.Storage)}",
                [new("active", s.Active ? 1 : 0), new("total", s.TotalBytes), new("used", s.UsedBytes), new("avail", s.TotalBytes - s.UsedBytes)]);
        }
        return lines;
    }

    /// <summary>A path segment: dots, spaces and control characters become '_' (as Proxmox's plugin does with dots).</summary>
    private static string Segment(string value)
    {
        var segment = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            segment.Append(c is '.' or ' ' || char.IsControl(c) ? '_' : c);
        }
        return segment.ToString();
    }
}
