using System.Net;
using Cordouan.Core.Errors;
using Cordouan.Core.Network;
using Cordouan.Node.Config;
using Cordouan.Node.Network;
using Xunit;

namespace Cordouan.Node.Tests.Network;

public sealed class NodeNetworkServiceTests
{
    private static readonly IPAddress Management = IPAddress.Parse("192.0.2.10");

    private static readonly LiveInterface Eth0 = new("eth0", null, true, null, false, 1500, ["192.0.2.10/24"]);

    [Fact]
    public void ManagementCut_NewPrivateBridge_None()
    {
        var desired = new[] { new NodeInterface { Iface = "vmbr1", Cidr = "10.0.0.1/24" } };

        Assert.Null(NodeNetworkService.ManagementCut([], desired, [Eth0], [Management]));
    }

    [Fact]
    public void ManagementCut_UplinkHoldingTheAddressEnslaved_Named()
    {
        var desired = new[] { new NodeInterface { Iface = "vmbr0", BridgePorts = ["eth0"] } };

        var cut = NodeNetworkService.ManagementCut([], desired, [Eth0], [Management]);

        Assert.Equal("applying would cut the management address 192.0.2.10 (on eth0): it would become a port of bridge vmbr0", cut);
    }

    [Fact]
    public void ManagementCut_BridgeHoldingTheAddress_DeletedOrReaddressedOrDown()
    {
        var bridge = new NodeInterface { Iface = "vmbr0", BridgePorts = ["eth0"], Cidr = "192.0.2.10/24" };
        LiveInterface[] live = [new("vmbr0", "bridge", true, null, false, 1500, ["192.0.2.10/24"]), Eth0 with { Addresses = [], Master = "vmbr0" }];

        Assert.Contains("would be deleted", NodeNetworkService.ManagementCut([bridge], [], live, [Management]), StringComparison.Ordinal);
        Assert.Contains("would become 192.0.2.11/24", NodeNetworkService.ManagementCut([bridge], [bridge with { Cidr = "192.0.2.11/24" }], live, [Management]), StringComparison.Ordinal);
        Assert.Contains("brought down", NodeNetworkService.ManagementCut([bridge], [bridge with { Autostart = false }], live, [Management]), StringComparison.Ordinal);
        Assert.Null(NodeNetworkService.ManagementCut([bridge], [bridge with { Comments = "x" }], live, [Management]));
    }

    [Fact]
    public void Restorable_LostBridges_AllKept()
    {
        var nat = new NodeInterface { Iface = "vmbr1", Cidr = "10.0.0.1/24", Nat = true };
        var plain = new NodeInterface { Iface = "vmbr2" };

        var (kept, skipped) = NodeNetworkService.Restorable([nat, plain], [Eth0], [Management]);

        Assert.Equal([nat, plain], kept);
        Assert.Empty(skipped);
    }

    [Fact]
    public void Restorable_ManagementAddressOnAPortOrExtraOnABridge_ThatBridgeLeftAlone()
    {
        // Applied with force: the management address moved to vmbr0; after the reboot the host's own config put it back on eth0.
        var moved = new NodeInterface { Iface = "vmbr0", BridgePorts = ["eth0"], Cidr = "192.0.2.10/24" };
        var other = new NodeInterface { Iface = "vmbr1", Cidr = "10.0.0.1/24" };
        LiveInterface[] live = [Eth0, new("vmbr1", "bridge", true, null, false, 1500, ["10.0.0.1/24"])];

        var (kept, skipped) = NodeNetworkService.Restorable([moved, other], live, [Management]);

        Assert.Equal([other], kept);
        Assert.Equal("vmbr0 not restored: applying would cut the management address 192.0.2.10 (on eth0): it would become a port of bridge vmbr0; apply with force=1 to restore it anyway", Assert.Single(skipped));

        // Someone added the management address to a declared bridge by hand: the restore would delete it from there.
        LiveInterface[] added = [Eth0 with { Addresses = [] }, new("vmbr1", "bridge", true, null, false, 1500, ["10.0.0.1/24", "192.0.2.10/24"])];
        var (keptAdded, skippedAdded) = NodeNetworkService.Restorable([other], added, [Management]);
        Assert.Empty(keptAdded);
        Assert.Contains("its address would become 10.0.0.1/24", Assert.Single(skippedAdded), StringComparison.Ordinal);
    }

    [Fact]
    public void Match_LeasesOfTheNicsBridges_ByMacIgnoringCase_ExpiredAndTaggedLeft()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
        NetConfig[] nics =
        [
            NetConfig.Parse("net1", "virtio=BC:24:11:00:00:02,bridge=vmbr1"),
            NetConfig.Parse("net0", "virtio=BC:24:11:00:00:01,bridge=vmbr1"),
            NetConfig.Parse("net2", "virtio=BC:24:11:00:00:03,bridge=vmbr1,tag=5"),
            NetConfig.Parse("net3", "virtio=BC:24:11:00:00:04,bridge=vmbr0"),
        ];
        var leases = new Dictionary<string, IReadOnlyList<DhcpLease>>
        {
            ["vmbr1"] =
            [
                new("bc:24:11:00:00:01", "10.0.0.130", "a", now.AddMinutes(30)),
                new("bc:24:11:00:00:02", "10.0.0.131", null, now.AddMinutes(-1)),
                new("bc:24:11:00:00:03", "10.0.0.132", null, null),
                new("bc:24:11:00:00:09", "10.0.0.133", null, null),
            ],
            ["vmbr0"] = [new("bc:24:11:00:00:04", "192.168.0.7", null, null)],
        };

        var addresses = NodeNetworkService.Match(nics, leases, now);

        Assert.Equal([new VmAddress("net0", "BC:24:11:00:00:01", "10.0.0.130", "vmbr1"), new VmAddress("net3", "BC:24:11:00:00:04", "192.168.0.7", "vmbr0")], addresses);
    }

    [Fact]
    public void Validate_BadFields_EveryOneReported()
    {
        var declared = new[]
        {
            new NodeInterface { Iface = "vmbr1", Type = "bond", Cidr = "10.0.0.1", Gateway = "nope", Mtu = 100, BridgePorts = ["eth9"] },
        };

        var error = Assert.Throws<ValidationException>(() => NodeNetworkService.Validate(declared, [Eth0]));

        Assert.Equal(["bridge_ports", "cidr", "gateway", "mtu", "type"], error.Errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Validate_NatFields_NeedAnAddressAndAFittingRange()
    {
        var declared = new[]
        {
            new NodeInterface { Iface = "vmbr1", Nat = true },
            new NodeInterface { Iface = "vmbr2", Cidr = "10.0.2.1/24", Nat = true, DhcpRange = "10.0.3.2-10.0.3.9", NatUplink = "vmbr2" },
            new NodeInterface { Iface = "vmbr3", Cidr = "10.0.4.1/24", DhcpRange = "10.0.4.2-10.0.4.9" },
        };

        var error = Assert.Throws<ValidationException>(() => NodeNetworkService.Validate(declared, [Eth0]));

        Assert.Equal(["cidr", "cordouan-dhcp-range", "cordouan-nat", "cordouan-nat-uplink"], error.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("needs an IPv4 address", error.Errors["cidr"], StringComparison.Ordinal);
        Assert.Contains("need cordouan-nat=1", error.Errors["cordouan-nat"], StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NatBridgeWithDefaults_Accepted() =>
        NodeNetworkService.Validate([new NodeInterface { Iface = "vmbr1", Cidr = "10.0.2.1/24", Nat = true }], [Eth0]);

    [Fact]
    public void Validate_PortOfTwoBridges_Refused()
    {
        var declared = new[]
        {
            new NodeInterface { Iface = "vmbr1", BridgePorts = ["eth0"] },
            new NodeInterface { Iface = "vmbr2", BridgePorts = ["eth0"] },
        };

        var error = Assert.Throws<ValidationException>(() => NodeNetworkService.Validate(declared, [Eth0]));

        Assert.Contains("already a port", error.Errors["bridge_ports"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("10.0.0.1/24", true)]
    [InlineData("10.0.0.1/33", false)]
    [InlineData("10.0.0.1", false)]
    [InlineData("fd00::1/64", false)]
    public void IsIpv4Cidr(string text, bool valid) => Assert.Equal(valid, NodeNetworkService.IsIpv4Cidr(text));
}
