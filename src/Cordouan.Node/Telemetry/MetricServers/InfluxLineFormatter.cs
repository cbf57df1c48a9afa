using System.Globalization;
using System.Text;

namespace Cordouan.Node.Telemetry.MetricServers;

/// <summary>
/// A snapshot as InfluxDB line protocol, shaped as Proxmox's InfluxDB plugin sends it: measurement <c>system</c> with
/// tags <c>object=nodes,host=NODE</c>, <c>object=qemu,vmid=ID,nodename=NODE</c> and
/// <c>object=storages,nodename=NODE,host=STORAGE</c>; numbers as numbers (never NaN or infinities), text quoted;
/// timestamps in seconds.
/// </summary>
public static class InfluxLineFormatter
{
    public static IReadOnlyList<string> Lines(string node, TelemetrySnapshot snapshot)
    {
        var time = snapshot.Time.ToUnixTimeSeconds();
        var lines = new List<string>();
        Add(lines, $"object=nodes,host={Tag(node)}", snapshot.Node.Select(f => (f.Key, Number(f.Value))), time);
        foreach (var vm in snapshot.Vms)
        {
            var fields = vm.Values.Select(f => (f.Key, Number(f.Value)))
                .Append(("name", Text(vm.Name)))
                .Append(("status", Text(vm.Running ? "running" : "stopped")));
            Add(lines, $"object=qemu,vmid={vm.VmId.ToString(CultureInfo.InvariantCulture)},nodename={Tag(node)}", fields, time);
        }
        foreach (var storage in snapshot.Storages)
        {
            (string, string?)[] fields =
            [
                ("active", storage.Active ? "1" : "0"), ("total", Number(storage.TotalBytes)), ("used", Number(storage.UsedBytes)),
                ("avail", Number(storage.TotalBytes - storage.UsedBytes)), ("type", Text(storage.Type)),
            ];
            Add(lines, $"object=storages,nodename={Tag(node)},host={Tag(storage.Storage)}", fields, time);
        }
        return lines;
    }

    private static void Add(List<string> lines, string tags, IEnumerable<(string Key, string? Value)> fields, long time)
    {
        var values = fields.Where(f => f.Value is not null).OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{Tag(f.Key)}={f.Value}").ToList();
        if (values.Count > 0)
        {
            lines.Add($"system,{tags} {string.Join(',', values)} {time.ToString(CultureInfo.InvariantCulture)}");
        }
    }

    private static string? Number(double value) =>
        double.IsFinite(value) ? value.ToString("R", CultureInfo.InvariantCulture) : null;

    private static string Text(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal) + "\"";

    /// <summary>A tag key or value: commas, equal signs and spaces escaped.</summary>
    private static string Tag(string value)
    {
        var escaped = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c is ',' or '=' or ' ' or '\\')
            {
                escaped.Append('\\');
            }
            escaped.Append(c is '\n' or '\r' ? ' ' : c);
        }
        return escaped.ToString();
    }
}
