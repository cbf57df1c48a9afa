using Cordouan.Core.Network;
using Cordouan.Network.Taps;
using Xunit;

namespace Cordouan.Network.Tests.Taps;

public sealed class TapPlanTests
{
    [Fact]
    public void Attach_Untagged_MasterThenUp()
    {
        var commands = TapPlan.Attach(new TapAttachment("tap100i0", "vmbr0", null, null), "vmbr0", vlanAware: false);

        Assert.Equal(
            [["ip", "link", "set", "dev", "tap100i0", "master", "vmbr0"], ["ip", "link", "set", "dev", "tap100i0", "up"]],
            commands);
    }

    [Fact]
    public void Attach_TagOnVlanAwareBridge_AccessPortOfThatVlan()
    {
        var commands = TapPlan.Attach(new TapAttachment("tap100i1", "vmbr0", 42, null), "vmbr0", vlanAware: true);

        Assert.Equal(
            [
                ["ip", "link", "set", "dev", "tap100i1", "master", "vmbr0"],
                ["bridge", "vlan", "del", "dev", "tap100i1", "vid", "1"],
                ["bridge", "vlan", "add", "dev", "tap100i1", "vid", "42", "pvid", "untagged"],
                ["ip", "link", "set", "dev", "tap100i1", "up"],
            ],
            commands);
    }

    [Fact]
    public void Attach_TagOnPlainBridge_JoinsTheVlanBridgeWithoutBridgeVlanCommands()
    {
        var commands = TapPlan.Attach(new TapAttachment("tap100i0", "vmbr0", 5, null), TapPlan.VlanBridgeName("vmbr0", 5), vlanAware: false);

        Assert.Equal(["ip", "link", "set", "dev", "tap100i0", "master", "vmbr0v5"], commands[0]);
        Assert.DoesNotContain(commands, c => c[0] == "bridge");
    }

    [Fact]
    public void Attach_Rate_ShapesTowardsTheGuestInBytesPerSecond()
    {
        var commands = TapPlan.Attach(new TapAttachment("tap100i0", "vmbr0", null, 1.5m), "vmbr0", vlanAware: false);

        Assert.Contains(["tc", "class", "replace", "dev", "tap100i0", "parent", "1:", "classid", "1:1", "htb", "rate", "1572864bps", "burst", "1048576b"], commands);
        Assert.Equal("up", commands[^1][^1]);
    }

    [Fact]
    public void LimitFromGuest_PolicesIngressAtTheSameRate()
    {
        var commands = TapPlan.LimitFromGuest(new TapAttachment("tap100i0", "vmbr0", null, 2m));

        Assert.Equal(2, commands.Count);
        Assert.Contains("2097152bps", commands[1]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("0")]
    public void Rate_AbsentOrZero_NoTrafficControl(string? rate)
    {
        var tap = new TapAttachment("tap100i0", "vmbr0", null, rate is null ? null : decimal.Parse(rate, System.Globalization.CultureInfo.InvariantCulture));

        Assert.DoesNotContain(TapPlan.Attach(tap, "vmbr0", vlanAware: false), c => c[0] == "tc");
        Assert.Empty(TapPlan.LimitFromGuest(tap));
    }
}
