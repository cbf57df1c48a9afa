using Cordouan.Core.Network;
using Cordouan.Network.Nat;
using Xunit;

namespace Cordouan.Network.Tests.Nat;

public sealed class NatPlanTests
{
    private static readonly NodeInterface Bridge = new() { Iface = "vmbrn", Cidr = "10.78.0.1/24", Nat = true };

    [Fact]
    public void Ruleset_ReplacesOnlyItsOwnTable_MasqueradesTheSubnetOutOfAnythingButTheBridge()
    {
        var lines = NatPlan.Ruleset(Bridge).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        Assert.Equal("table ip cordouan-nat-vmbrn", lines[0]);
        Assert.Equal("delete table ip cordouan-nat-vmbrn", lines[1]);
        Assert.Equal("table ip cordouan-nat-vmbrn {", lines[2]);
        Assert.Contains("type nat hook postrouting priority srcnat; policy accept;", lines);
        Assert.Contains("ip saddr 10.78.0.0/24 oifname != \"vmbrn\" masquerade", lines);
        Assert.DoesNotContain(lines, l => l.Contains("flush", StringComparison.Ordinal));
        Assert.All(lines.Where(l => l.StartsWith("table", StringComparison.Ordinal) || l.StartsWith("delete", StringComparison.Ordinal)),
            l => Assert.Contains("cordouan-nat-vmbrn", l, StringComparison.Ordinal));
    }

    [Fact]
    public void Ruleset_WithUplink_MasqueradesOutOfItOnly()
    {
        var ruleset = NatPlan.Ruleset(Bridge with { NatUplink = "eth1", Cidr = "172.16.5.9/20" });

        Assert.Contains("ip saddr 172.16.0.0/20 oifname \"eth1\" masquerade", ruleset, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseTables_NftListTables_NamesOfTheIpFamilyOnly()
    {
        var tables = NatPlan.ParseTables("table ip cordouan-nat-vmbr1\ntable ip filter\ntable inet other\n\n");

        Assert.Equal(["cordouan-nat-vmbr1", "filter"], tables.Order(StringComparer.Ordinal));
        Assert.Empty(NatPlan.ParseTables(""));
    }

    [Fact]
    public void DeleteTable_NamesOnlyOurTable() =>
        Assert.Equal(["nft", "delete", "table", "ip", "cordouan-nat-vmbrn"], NatPlan.DeleteTable("vmbrn"));

    [Fact]
    public void Dnsmasq_NoConfig_BoundToTheBridgeOnly_DefaultRange_FilesInItsDirectory()
    {
        var argv = NatPlan.Dnsmasq(Bridge, "/var/lib/cordouan/network/dnsmasq/vmbrn");

        Assert.Equal(
            [
                "dnsmasq",
                "--conf-file=/dev/null",
                "--pid-file=/var/lib/cordouan/network/dnsmasq/vmbrn/pid",
                "--interface=vmbrn",
                "--bind-interfaces",
                "--except-interface=lo",
                "--listen-address=10.78.0.1",
                "--dhcp-range=10.78.0.128,10.78.0.254,255.255.255.0,1h",
                "--dhcp-leasefile=/var/lib/cordouan/network/dnsmasq/vmbrn/leases",
                "--dhcp-authoritative",
            ],
            argv);
    }

    [Fact]
    public void Dnsmasq_DeclaredRange_Used() =>
        Assert.Contains("--dhcp-range=10.78.0.50,10.78.0.60,255.255.255.0,1h", NatPlan.Dnsmasq(Bridge with { DhcpRange = "10.78.0.50-10.78.0.60" }, "/d"));

    [Fact]
    public void Dnsmasq_NoAddress_Refused() =>
        Assert.Throws<ArgumentException>(() => NatPlan.Dnsmasq(Bridge with { Cidr = null }, "/d"));
}
