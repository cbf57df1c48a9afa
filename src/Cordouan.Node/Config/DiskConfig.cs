using System.Text.RegularExpressions;
using Cordouan.Core.Vms;

namespace Cordouan.Node.Config;

/// <summary>A disk key (<c>scsi0</c>, <c>virtio1</c>, <c>ide2</c>, <c>sata0</c>) parsed from its property string.</summary>
public sealed partial record DiskConfig(string Key, DiskBus Bus, int Index, string File, IReadOnlyDictionary<string, string> Options)
{
    private static readonly HashSet<string> KnownOptions =
    [
        "file", "format", "size", "media", "cache", "discard", "iothread", "ssd", "backup", "replicate", "ro", "aio", "serial", "wwn",
        "import-from", "snapshot", "shared", "werror", "rerror", "detect_zeroes", "model", "product", "vendor", "queues",
        "iops", "iops_rd", "iops_wr", "iops_max", "iops_rd_max", "iops_wr_max", "mbps", "mbps_rd", "mbps_wr", "mbps_max", "mbps_rd_max", "mbps_wr_max",
        "bps", "bps_rd", "bps_wr",
    ];

    private static readonly Dictionary<string, (DiskBus Bus, int Max)> Buses = new()
    {
        ["virtio"] = (DiskBus.Virtio, 15),
        ["scsi"] = (DiskBus.Scsi, 30),
        ["sata"] = (DiskBus.Sata, 5),
        ["ide"] = (DiskBus.Ide, 3),
    };

    public bool IsCdrom => Options.TryGetValue("media", out var media) && media == "cdrom";

    /// <summary>True for the config keys that name disks.</summary>
    public static bool IsDiskKey(string key) => TryParseKey(key, out _, out _);

    public static bool TryParseKey(string key, out DiskBus bus, out int index)
    {
        bus = default;
        index = -1;
        var m = KeyPattern().Match(key);
        if (!m.Success || !Buses.TryGetValue(m.Groups[1].Value, out var b))
        {
            return false;
        }
        index = int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
        bus = b.Bus;
        return index <= b.Max;
    }

    /// <summary>Parses a disk value; throws <see cref="FormatException"/> with a Proxmox-style reason.</summary>
    public static DiskConfig Parse(string key, string value)
    {
        if (!TryParseKey(key, out var bus, out var index))
        {
            throw new FormatException($"'{key}' is not a disk key");
        }
        var pairs = PropertyString.Parse(value, "file");
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        string? file = null;
        foreach (var (k, v) in pairs)
        {
            if (!KnownOptions.Contains(k))
            {
                throw new FormatException($"invalid format - format error {key}.{k}: property is not defined in schema and the schema does not allow additional properties");
            }
            if (k == "file")
            {
                file = v;
            }
            else
            {
                options[k] = v;
            }
        }
        if (string.IsNullOrEmpty(file))
        {
            throw new FormatException($"invalid format - format error {key}.file: property is missing and it is not optional");
        }
        if (options.TryGetValue("media", out var media) && media is not ("disk" or "cdrom"))
        {
            throw new FormatException($"invalid format - format error {key}.media: value '{media}' does not have a value in the enumeration 'cdrom, disk'");
        }
        return new DiskConfig(key, bus, index, file, options);
    }

    public DiskConfig WithFile(string file) => this with { File = file };

    public DiskConfig WithOption(string name, string? value)
    {
        var options = new Dictionary<string, string>(Options, StringComparer.Ordinal);
        if (value is null)
        {
            options.Remove(name);
        }
        else
        {
            options[name] = value;
        }
        return this with { Options = options };
    }

    /// <summary>Canonical text: the volume first, then options sorted.</summary>
    public override string ToString() => PropertyString.Format(File, Options);

    [GeneratedRegex("^(virtio|scsi|sata|ide)([0-9]{1,2})$")]
    private static partial Regex KeyPattern();
}
