using System.Globalization;
using System.Text.RegularExpressions;

namespace Cordouan.Node.Config;

/// <summary>
/// The VM config keys Cordouan accepts (Proxmox's names), how each is validated and normalised,
/// and how it is typed when read back. Error texts are Proxmox's, which clients display.
/// </summary>
public static partial class VmConfigSchema
{
    private static readonly Dictionary<string, ConfigKeyRule> Fixed = BuildFixed();

    /// <summary>The rule for a key, or null when the key is not in the schema.</summary>
    public static ConfigKeyRule? RuleFor(string key)
    {
        if (Fixed.TryGetValue(key, out var rule))
        {
            return rule;
        }
        if (DiskConfig.IsDiskKey(key))
        {
            return new ConfigKeyRule(ConfigKeyKind.Disk);
        }
        if (NetConfig.TryParseKey(key, out _))
        {
            return new ConfigKeyRule(ConfigKeyKind.Net);
        }
        var m = IndexedKey().Match(key);
        if (m.Success && IndexedMax.TryGetValue(m.Groups[1].Value, out var max)
            && int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture) <= max)
        {
            return new ConfigKeyRule(ConfigKeyKind.String);
        }
        return null;
    }

    /// <summary>Checks and normalises one value; returns the error text (Proxmox wording) or null when valid.</summary>
    public static string? Validate(string key, string value, out string normalized)
    {
        normalized = value;
        var rule = RuleFor(key);
        if (rule is null)
        {
            return "property is not defined in schema and the schema does not allow additional properties";
        }
        if (key == "startup")
        {
            return StartupOrder.TryParse(value, out _) ? null : StartupOrder.ParseError;
        }
        switch (rule.Kind)
        {
            case ConfigKeyKind.Boolean:
                if (value is "1" or "true" or "on" or "yes") { normalized = "1"; return null; }
                if (value is "0" or "false" or "off" or "no") { normalized = "0"; return null; }
                return $"type check ('boolean') failed - got '{value}'";
            case ConfigKeyKind.Integer:
                return CheckInteger(value, rule);
            case ConfigKeyKind.Number:
                if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
                {
                    return $"type check ('number') failed - got '{value}'";
                }
                return rule.Maximum is { } nmax && d > nmax ? $"value must have a maximum value of {nmax}" : null;
            case ConfigKeyKind.Enum:
                return rule.Values!.Contains(value) ? null : $"value '{value}' does not have a value in the enumeration '{string.Join(", ", rule.Values!)}'";
            case ConfigKeyKind.Memory:
                var mem = value.StartsWith("current=", StringComparison.Ordinal) ? value["current=".Length..] : value;
                var memError = CheckInteger(mem, rule);
                return memError is null ? null : $"invalid format - {memError}";
            case ConfigKeyKind.DnsName:
                return DnsName().IsMatch(value) ? null : $"invalid format - value '{value}' does not look like a valid DNS name";
            case ConfigKeyKind.Tags:
                var tags = value.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                normalized = string.Join(';', tags.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
                return tags.All(t => Tag().IsMatch(t)) ? null : "invalid format - invalid tag";
            case ConfigKeyKind.Disk:
                return null; // disks are parsed by the create/update flow, which also allocates storage
            case ConfigKeyKind.Net:
                try
                {
                    normalized = NetConfig.Parse(key, value).ToString();
                    return null;
                }
                catch (FormatException e)
                {
                    return e.Message;
                }
            default:
                return null;
        }
    }

    /// <summary>Memory in MiB from a validated <c>memory</c> value.</summary>
    public static int MemoryMiB(string value) =>
        int.Parse(value.StartsWith("current=", StringComparison.Ordinal) ? value["current=".Length..] : value, CultureInfo.InvariantCulture);

    private static string? CheckInteger(string value, ConfigKeyRule rule)
    {
        if (!long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
        {
            return $"type check ('integer') failed - got '{value}'";
        }
        if (rule.Minimum is { } min && n < min)
        {
            return $"value must have a minimum value of {min}";
        }
        if (rule.Maximum is { } max && n > max)
        {
            return $"value must have a maximum value of {max}";
        }
        return null;
    }

    private static readonly Dictionary<string, int> IndexedMax = new()
    {
        ["serial"] = 3,
        ["ipconfig"] = 31,
        ["usb"] = 4,
        ["hostpci"] = 15,
        ["numa"] = 7,
        ["unused"] = 255,
        ["parallel"] = 2,
    };

    private static Dictionary<string, ConfigKeyRule> BuildFixed()
    {
        var rules = new Dictionary<string, ConfigKeyRule>(StringComparer.Ordinal);
        foreach (var key in new[] { "onboot", "protection", "template", "kvm", "acpi", "tablet", "localtime", "reboot", "freeze", "autostart", "tdf", "numa", "ciupgrade", "keephugepages" })
        {
            rules[key] = new ConfigKeyRule(ConfigKeyKind.Boolean);
        }
        rules["cores"] = new ConfigKeyRule(ConfigKeyKind.Integer, 1, 1024);
        rules["sockets"] = new ConfigKeyRule(ConfigKeyKind.Integer, 1, 16);
        rules["vcpus"] = new ConfigKeyRule(ConfigKeyKind.Integer, 1, 1024);
        rules["balloon"] = new ConfigKeyRule(ConfigKeyKind.Integer, 0);
        rules["shares"] = new ConfigKeyRule(ConfigKeyKind.Integer, 0, 50000);
        rules["cpuunits"] = new ConfigKeyRule(ConfigKeyKind.Integer, 1, 262144);
        rules["migrate_speed"] = new ConfigKeyRule(ConfigKeyKind.Integer, 0);
        rules["cpulimit"] = new ConfigKeyRule(ConfigKeyKind.Number, 0, 128);
        rules["migrate_downtime"] = new ConfigKeyRule(ConfigKeyKind.Number, 0);
        rules["memory"] = new ConfigKeyRule(ConfigKeyKind.Memory, 16);
        rules["name"] = new ConfigKeyRule(ConfigKeyKind.DnsName);
        rules["tags"] = new ConfigKeyRule(ConfigKeyKind.Tags);
        rules["ostype"] = new ConfigKeyRule(ConfigKeyKind.Enum, Values: ["other", "wxp", "w2k", "w2k3", "w2k8", "wvista", "win7", "win8", "win10", "win11", "l24", "l26", "solaris"]);
        rules["bios"] = new ConfigKeyRule(ConfigKeyKind.Enum, Values: ["seabios", "ovmf"]);
        rules["scsihw"] = new ConfigKeyRule(ConfigKeyKind.Enum, Values: ["lsi", "lsi53c810", "virtio-scsi-pci", "virtio-scsi-single", "megasas", "pvscsi"]);
        rules["citype"] = new ConfigKeyRule(ConfigKeyKind.Enum, Values: ["configdrive2", "nocloud", "opennebula"]);
        rules["lock"] = new ConfigKeyRule(ConfigKeyKind.Enum, Values: ["backup", "clone", "create", "migrate", "rollback", "snapshot", "snapshot-delete", "suspending", "suspended"]);
        foreach (var key in new[]
        {
            "description", "cpu", "machine", "boot", "bootdisk", "agent", "startup", "vga", "ciuser", "cipassword", "cicustom", "sshkeys",
            "nameserver", "searchdomain", "hotplug", "smbios1", "vmgenid", "hookscript", "args", "keyboard", "startdate", "watchdog",
            "rng0", "audio0", "ivshmem", "spice_enhancements", "vmstatestorage", "affinity", "efidisk0", "tpmstate0", "meta", "hugepages", "arch",
        })
        {
            rules[key] = new ConfigKeyRule(ConfigKeyKind.String);
        }
        return rules;
    }

    [GeneratedRegex("^([a-z]+)([0-9]{1,3})$")]
    private static partial Regex IndexedKey();

    [GeneratedRegex(@"^(?=.{1,253}$)[a-zA-Z0-9]([a-zA-Z0-9\-]*[a-zA-Z0-9])?(\.[a-zA-Z0-9]([a-zA-Z0-9\-]*[a-zA-Z0-9])?)*$")]
    private static partial Regex DnsName();

    [GeneratedRegex(@"^[a-zA-Z0-9_][a-zA-Z0-9_\-+.]*$")]
    private static partial Regex Tag();
}
