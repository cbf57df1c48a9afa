using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Cordouan.Core.Errors;
using Cordouan.Core.Ids;
using Cordouan.Node.Config;

namespace Cordouan.Node.CloudInit;

/// <summary>
/// Pure generation of a VM's NoCloud seed from its config, byte for byte what Proxmox writes (user-data as
/// <c>#cloud-config</c>, network-config version 1 with one entry per <c>ipconfigN</c> that has a <c>netN</c>, meta-data
/// whose instance-id is the SHA-1 of user-data + network-config, so a changed config is a new instance for cloud-init).
/// Every config value goes through <see cref="YamlScalar"/>: the text is Proxmox's for ordinary values, and a value
/// holding YAML syntax stays one string instead of injecting keys (Proxmox concatenates them as they are).
/// </summary>
public static class NoCloudGenerator
{
    /// <summary>The config keys whose change makes a new seed.</summary>
    public static bool IsCloudInitKey(string key) =>
        key is "ciuser" or "cipassword" or "citype" or "ciupgrade" or "cicustom" or "sshkeys" or "nameserver" or "searchdomain" or "name"
        || (key.StartsWith("ipconfig", StringComparison.Ordinal) && int.TryParse(key.AsSpan(8), out _));

    public static NoCloudSeed Generate(VmId vmId, IReadOnlyDictionary<string, string> config, HostDns hostDns)
    {
        var user = UserData(vmId, config);
        var network = NetworkConfig(config, hostDns);
        return new NoCloudSeed(user, network, MetaData(user, network));
    }

    public static string UserData(VmId vmId, IReadOnlyDictionary<string, string> config)
    {
        var (hostname, fqdn) = HostnameAndFqdn(vmId, config);
        var text = new StringBuilder("#cloud-config\n");
        text.Append("hostname: ").Append(YamlScalar.Plain(hostname)).Append('\n');
        text.Append("manage_etc_hosts: true\n");
        text.Append("fqdn: ").Append(YamlScalar.Plain(fqdn)).Append('\n');
        var user = config.GetValueOrDefault("ciuser");
        if (user is not null)
        {
            text.Append("user: ").Append(YamlScalar.Plain(user)).Append('\n');
            if (user == "root")
            {
                text.Append("disable_root: False\n");
            }
        }
        if (config.GetValueOrDefault("cipassword") is { } password)
        {
            text.Append("password: ").Append(YamlScalar.Plain(password)).Append('\n');
        }
        if (config.GetValueOrDefault("sshkeys") is { } encoded)
        {
            text.Append("ssh_authorized_keys:\n");
            foreach (var key in Uri.UnescapeDataString(encoded).Split('\n').Select(k => k.TrimEnd('\r')).Where(k => !string.IsNullOrWhiteSpace(k)))
            {
                text.Append("  - ").Append(YamlScalar.Plain(key)).Append('\n');
            }
        }
        text.Append("chpasswd:\n  expire: False\n");
        if (user != "root")
        {
            text.Append("users:\n  - default\n");
        }
        if (!config.TryGetValue("ciupgrade", out var upgrade) || upgrade != "0")
        {
            text.Append("package_upgrade: true\n");
        }
        return text.ToString();
    }

    public static string NetworkConfig(IReadOnlyDictionary<string, string> config, HostDns hostDns)
    {
        var text = new StringBuilder("version: 1\nconfig:\n");
        // Proxmox sorts the netN keys as strings (net10 before net2).
        foreach (var key in config.Keys.Where(k => NetConfig.TryParseKey(k, out _)).Order(StringComparer.Ordinal))
        {
            var id = key["net".Length..];
            if (!config.TryGetValue("ipconfig" + id, out var ipconfigText) || ipconfigText.Length == 0)
            {
                continue;
            }
            var mac = NetConfig.Parse(key, config[key]).MacAddress?.ToLowerInvariant()
                ?? throw new ValidationException("ipconfig" + id, $"network interface '{key}' has no mac address");
            var ipconfig = PropertyString.Parse(ipconfigText, null).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
            text.Append("    - type: physical\n");
            text.Append("      name: ").Append(YamlScalar.Plain("eth" + id)).Append('\n');
            text.Append("      mac_address: ").Append(YamlScalar.SingleQuoted(mac)).Append('\n');
            text.Append("      subnets:\n");
            if (ipconfig.GetValueOrDefault("ip") is { } ip)
            {
                if (ip == "dhcp")
                {
                    text.Append("      - type: dhcp4\n");
                }
                else
                {
                    var (address, mask) = SplitIpv4(ip, "ipconfig" + id);
                    text.Append("      - type: static\n");
                    text.Append("        address: ").Append(YamlScalar.SingleQuoted(address)).Append('\n');
                    text.Append("        netmask: ").Append(YamlScalar.SingleQuoted(mask)).Append('\n');
                    if (ipconfig.GetValueOrDefault("gw") is { } gw)
                    {
                        text.Append("        gateway: ").Append(YamlScalar.SingleQuoted(gw)).Append('\n');
                    }
                }
            }
            if (ipconfig.GetValueOrDefault("ip6") is { } ip6)
            {
                if (ip6 == "dhcp")
                {
                    text.Append("      - type: dhcp6\n");
                }
                else if (ip6 == "auto")
                {
                    text.Append("      - type: ipv6_slaac\n");
                }
                else
                {
                    text.Append("      - type: static6\n");
                    text.Append("        address: ").Append(YamlScalar.SingleQuoted(ip6)).Append('\n');
                    if (ipconfig.GetValueOrDefault("gw6") is { } gw6)
                    {
                        text.Append("        gateway: ").Append(YamlScalar.SingleQuoted(gw6)).Append('\n');
                    }
                }
            }
        }
        var (search, servers) = Dns(config, hostDns);
        // Proxmox always writes the nameserver entry, its lists only when not empty.
        text.Append("    - type: nameserver\n");
        if (servers.Count > 0)
        {
            text.Append("      address:\n");
            foreach (var server in servers)
            {
                text.Append("      - ").Append(YamlScalar.SingleQuoted(server)).Append('\n');
            }
        }
        if (search.Count > 0)
        {
            text.Append("      search:\n");
            foreach (var domain in search)
            {
                text.Append("      - ").Append(YamlScalar.SingleQuoted(domain)).Append('\n');
            }
        }
        return text.ToString();
    }

    // SHA-1 names the instance (Proxmox's choice, kept so the ids match); it protects nothing.
#pragma warning disable CA5350
    public static string MetaData(string userData, string networkConfig) =>
        "instance-id: " + Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(userData + networkConfig))) + "\n";
#pragma warning restore CA5350

    private static (string Hostname, string Fqdn) HostnameAndFqdn(VmId vmId, IReadOnlyDictionary<string, string> config)
    {
        var hostname = config.GetValueOrDefault("name") ?? $"VM{vmId}";
        if (hostname.Contains('.', StringComparison.Ordinal))
        {
            return (hostname[..hostname.IndexOf('.', StringComparison.Ordinal)], hostname);
        }
        return config.GetValueOrDefault("searchdomain") is { Length: > 0 } search ? (hostname, $"{hostname}.{search}") : (hostname, hostname);
    }

    private static (IReadOnlyList<string> Search, IReadOnlyList<string> Servers) Dns(IReadOnlyDictionary<string, string> config, HostDns hostDns)
    {
        var search = config.TryGetValue("searchdomain", out var s) ? Words(s) : hostDns.Search;
        var servers = config.TryGetValue("nameserver", out var n) ? Words(n) : hostDns.Nameservers;
        return (search, servers);
    }

    private static string[] Words(string text) => text.Split([' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries);

    private static (string Address, string Mask) SplitIpv4(string cidr, string key)
    {
        var slash = cidr.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || !IPAddress.TryParse(cidr[..slash], out _) || !int.TryParse(cidr[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var prefix) || prefix > 32)
        {
            throw new ValidationException(key, $"not a CIDR: {cidr}");
        }
        var bits = prefix == 0 ? 0u : uint.MaxValue << (32 - prefix);
        return (cidr[..slash], $"{bits >> 24}.{(bits >> 16) & 0xff}.{(bits >> 8) & 0xff}.{bits & 0xff}");
    }
}
