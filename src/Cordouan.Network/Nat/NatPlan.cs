using Cordouan.Core.Network;

namespace Cordouan.Network.Nat;

/// <summary>
/// What a NAT bridge needs besides the bridge itself, as pure data: its nftables table (one per bridge, replaced as a
/// whole in one <c>nft -f</c> transaction, so no other table is ever touched) and its dnsmasq command line.
/// </summary>
public static class NatPlan
{
    /// <summary>The nftables table of <paramref name="bridge"/>; nothing else in the ruleset is ours.</summary>
    public static string TableName(string bridge) => $"cordouan-nat-{bridge}";

    /// <summary>
    /// The script for <c>nft -f -</c>: declare the table (so the delete cannot fail), delete it, and create it again
    /// with its masquerade rule. nft applies a file as one transaction: the rule is never half there.
    /// </summary>
    public static string Ruleset(NodeInterface bridge)
    {
        var subnet = Ipv4Subnet.TryParse(bridge.Cidr) ?? throw new ArgumentException($"NAT bridge {bridge.Iface} has no IPv4 address", nameof(bridge));
        var table = TableName(bridge.Iface);
        // Out of the uplink only when one is named; otherwise out of anything but the bridge itself, so traffic between
        // guests on the bridge keeps its addresses.
        var match = bridge.NatUplink is { } uplink ? $"oifname \"{uplink}\"" : $"oifname != \"{bridge.Iface}\"";
        return $$"""
            table ip {{table}}
            delete table ip {{table}}
            table ip {{table}} {
              chain postrouting {
                type nat hook postrouting priority srcnat; policy accept;
                ip saddr {{subnet.NetworkCidr}} {{match}} masquerade
              }
            }

            """;
    }

    /// <summary>Deletes the table of <paramref name="bridge"/> (fails harmlessly when it is gone).</summary>
    public static string[] DeleteTable(string bridge) => ["nft", "delete", "table", "ip", TableName(bridge)];

    /// <summary>Lists the <c>ip</c> family's tables (<c>table ip &lt;name&gt;</c> a line); see <see cref="ParseTables"/>.</summary>
    public static string[] ListTables() => ["nft", "list", "tables", "ip"];

    /// <summary>The table names in the output of <see cref="ListTables"/>.</summary>
    public static IReadOnlySet<string> ParseTables(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields is ["table", "ip", _])
            .Select(fields => fields[2])
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// Routing between interfaces, which masquerading needs. It is per network namespace: in the daemon's own one.
    /// </summary>
    public static string[] EnableForwarding() => ["sysctl", "-q", "-w", "net.ipv4.ip_forward=1"];

    /// <summary>Prints <c>1</c> when <see cref="EnableForwarding"/> is in effect.</summary>
    public static string[] ReadForwarding() => ["sysctl", "-n", "net.ipv4.ip_forward"];

    /// <summary>
    /// dnsmasq for <paramref name="bridge"/>, files in <paramref name="directory"/>: no configuration file, only the
    /// bridge (bound to it, DNS on its address only, never lo), DHCP on the range with the bridge as router and DNS
    /// server (dnsmasq's defaults), authoritative so a guest with a stale lease is answered at once. It daemonizes and
    /// writes its pid file, so it outlives a cordouand restart and is adopted again.
    /// </summary>
    public static string[] Dnsmasq(NodeInterface bridge, string directory)
    {
        var subnet = Ipv4Subnet.TryParse(bridge.Cidr) ?? throw new ArgumentException($"NAT bridge {bridge.Iface} has no IPv4 address", nameof(bridge));
        var range = Range(bridge, subnet) ?? throw new ArgumentException($"NAT bridge {bridge.Iface}: subnet {subnet.NetworkCidr} has no room for DHCP", nameof(bridge));
        return
        [
            "dnsmasq",
            "--conf-file=/dev/null",
            $"--pid-file={Path.Combine(directory, "pid")}",
            $"--interface={bridge.Iface}",
            "--bind-interfaces",
            "--except-interface=lo",
            $"--listen-address={subnet.AddressText}",
            $"--dhcp-range={range.StartText},{range.EndText},{subnet.MaskText},1h",
            $"--dhcp-leasefile={Path.Combine(directory, "leases")}",
            "--dhcp-authoritative",
        ];
    }

    /// <summary>The range a bridge leases: the declared one, else <see cref="DhcpRange.Default"/>.</summary>
    public static DhcpRange? Range(NodeInterface bridge, Ipv4Subnet subnet) =>
        bridge.DhcpRange is { } text ? (DhcpRange.TryParse(text, subnet, out var range) is null ? range : null) : DhcpRange.Default(subnet);
}
