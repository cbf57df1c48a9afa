using System.Text.RegularExpressions;

namespace Cordouan.Node.Config;

/// <summary>A NIC key (<c>net0</c>) parsed from <c>virtio=BC:24:11:AA:BB:CC,bridge=vmbr0,firewall=1</c> or <c>model=virtio,bridge=vmbr0</c>.</summary>
public sealed partial record NetConfig(string Key, int Index, string Model, string? MacAddress, IReadOnlyDictionary<string, string> Options)
{
    public static readonly IReadOnlySet<string> Models = new HashSet<string>
    {
        "virtio", "e1000", "e1000e", "rtl8139", "vmxnet3", "i82551", "i82557b", "i82559er", "ne2k_isa", "ne2k_pci", "pcnet",
    };

    private static readonly HashSet<string> KnownOptions = ["bridge", "firewall", "link_down", "mtu", "queues", "rate", "tag", "trunks"];

    public bool LinkDown => Options.TryGetValue("link_down", out var v) && v == "1";

    public string? Bridge => Options.GetValueOrDefault("bridge");

    /// <summary>The access VLAN (<c>tag</c>), null when untagged.</summary>
    public int? Tag => Options.TryGetValue("tag", out var v) ? int.Parse(v, System.Globalization.CultureInfo.InvariantCulture) : null;

    /// <summary>The rate limit in MB/s (<c>rate</c>), null when unlimited.</summary>
    public decimal? Rate => Options.TryGetValue("rate", out var v) ? decimal.Parse(v, System.Globalization.CultureInfo.InvariantCulture) : null;

    public static bool TryParseKey(string key, out int index)
    {
        index = -1;
        var m = KeyPattern().Match(key);
        if (!m.Success)
        {
            return false;
        }
        index = int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        return index <= 31;
    }

    /// <summary>Parses a NIC value; throws <see cref="FormatException"/> with the reason.</summary>
    public static NetConfig Parse(string key, string value)
    {
        if (!TryParseKey(key, out var index))
        {
            throw new FormatException($"'{key}' is not a network key");
        }
        string? model = null;
        string? mac = null;
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in PropertyString.Parse(value, "model"))
        {
            if (k == "model")
            {
                model = v;
            }
            else if (k == "macaddr")
            {
                mac = v;
            }
            else if (Models.Contains(k))
            {
                model = k;
                mac = v.Length == 0 ? null : v;
            }
            else if (KnownOptions.Contains(k))
            {
                options[k] = v;
            }
            else
            {
                throw new FormatException($"invalid format - format error {key}.{k}: property is not defined in schema and the schema does not allow additional properties");
            }
        }
        if (model is null || !Models.Contains(model))
        {
            throw new FormatException($"invalid format - format error {key}.model: value '{model}' does not have a value in the enumeration '{string.Join(", ", Models.Order(StringComparer.Ordinal))}'");
        }
        if (mac is not null && !MacPattern().IsMatch(mac))
        {
            throw new FormatException($"invalid format - format error {key}.macaddr: value does not match the regex pattern");
        }
        if (options.TryGetValue("bridge", out var bridge) && !BridgePattern().IsMatch(bridge))
        {
            throw new FormatException($"invalid format - format error {key}.bridge: invalid bridge ID '{bridge}' (1 to 15 letters, digits, '-', '_' or '.')");
        }
        if (options.TryGetValue("rate", out var rate)
            && (!decimal.TryParse(rate, System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out var r) || r < 0))
        {
            throw new FormatException($"invalid format - format error {key}.rate: type check ('number') failed - got '{rate}'");
        }
        if (options.TryGetValue("tag", out var tag) && (!int.TryParse(tag, out var t) || t < 1 || t > 4094))
        {
            throw new FormatException($"invalid format - format error {key}.tag: value must be an integer between 1 and 4094");
        }
        return new NetConfig(key, index, model, mac?.ToUpperInvariant(), options);
    }

    public NetConfig WithMac(string mac) => this with { MacAddress = mac };

    /// <summary>Canonical text <c>model=MAC,opt=…</c>: MAC first with a comma after it (Ansible extracts it with a regex).</summary>
    public override string ToString() => PropertyString.Format(MacAddress is null ? Model : $"{Model}={MacAddress}", Options);

    [GeneratedRegex("^net([0-9]{1,2})$")]
    private static partial Regex KeyPattern();

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,15}$")]
    private static partial Regex BridgePattern();

    [GeneratedRegex("^[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}$")]
    private static partial Regex MacPattern();
}
