using Cordouan.Core.Network;
using Cordouan.Network.Config;
using Xunit;

namespace Cordouan.Network.Tests.Config;

public sealed class NetworkPlanTests
{
    private static readonly LiveInterface Eth1 = new("eth1", null, false, null, false, 1500, []);

    [Fact]
    public void Build_NewBridge_CreatedWithPortsAddressAndUp()
    {
        var bridge = new NodeInterface { Iface = "vmbr1", BridgePorts = ["eth1"], VlanAware = true, Cidr = "10.0.0.1/24", Mtu = 9000 };

        var commands = NetworkPlan.Build([], [bridge], [Eth1]);

        Assert.Equal(
            [
                ["ip", "link", "add", "name", "vmbr1", "type", "bridge", "vlan_filtering", "1"],
                ["ip", "link", "set", "dev", "vmbr1", "mtu", "9000"],
                ["ip", "link", "set", "dev", "eth1", "master", "vmbr1"],
                ["ip", "link", "set", "dev", "eth1", "up"],
                ["ip", "address", "add", "10.0.0.1/24", "dev", "vmbr1"],
                ["ip", "link", "set", "dev", "vmbr1", "up"],
            ],
            commands);
    }

    [Fact]
    public void Build_AlreadyInPlace_NothingToDo()
    {
        var bridge = new NodeInterface { Iface = "vmbr1", BridgePorts = ["eth1"], Cidr = "10.0.0.1/24" };
        LiveInterface[] live = [new("vmbr1", "bridge", true, null, false, 1500, ["10.0.0.1/24"]), Eth1 with { Up = true, Master = "vmbr1" }];

        Assert.Empty(NetworkPlan.Build([bridge], [bridge], live));
    }

    [Fact]
    public void Build_Gateway_ReplacedOnlyWhenTheDefaultRouteDiffers()
    {
        var bridge = new NodeInterface { Iface = "vmbr1", Cidr = "10.0.0.1/24", Gateway = "10.0.0.254" };
        var live = new LiveInterface("vmbr1", "bridge", true, null, false, 1500, ["10.0.0.1/24"], "10.0.0.254");

        Assert.Empty(NetworkPlan.Build([bridge], [bridge], [live]));
        Assert.Equal(
            [["ip", "route", "replace", "default", "via", "10.0.0.254", "dev", "vmbr1"]],
            NetworkPlan.Build([bridge], [bridge], [live with { Gateway = null }]));
    }

    [Fact]
    public void Build_Changes_OnlyTheDifferences()
    {
        var before = new NodeInterface { Iface = "vmbr1", BridgePorts = ["eth1"], Cidr = "10.0.0.1/24", Gateway = "10.0.0.254" };
        var after = before with { BridgePorts = [], Cidr = "10.0.1.1/24", Gateway = null };
        LiveInterface[] live = [new("vmbr1", "bridge", true, null, false, 1500, ["10.0.0.1/24"]), Eth1 with { Up = true, Master = "vmbr1" }];

        var commands = NetworkPlan.Build([before], [after], live);

        Assert.Equal(
            [
                ["ip", "link", "set", "dev", "eth1", "nomaster"],
                ["ip", "address", "del", "10.0.0.1/24", "dev", "vmbr1"],
                ["ip", "address", "add", "10.0.1.1/24", "dev", "vmbr1"],
                ["ip", "route", "del", "default", "via", "10.0.0.254", "dev", "vmbr1"],
            ],
            commands);
    }

    [Fact]
    public void Build_RemovedBridge_DeletedButUndeclaredLinksUntouched()
    {
        var gone = new NodeInterface { Iface = "vmbr1" };
        LiveInterface[] live = [new("vmbr1", "bridge", true, null, false, 1500, []), new("vmbr9", "bridge", true, null, false, 1500, [])];

        Assert.Equal([["ip", "link", "delete", "dev", "vmbr1"]], NetworkPlan.Build([gone], [], live));
    }
}
