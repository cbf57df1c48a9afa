using Cordouan.Network.Links;
using Xunit;

namespace Cordouan.Network.Tests.Links;

public sealed class IpToolTests
{
    // Trimmed output of `ip -d -j link show` (iproute2 6.1): a VLAN-aware bridge, a tap in it, loopback.
    private const string Links = """
        [{"ifindex":1,"ifname":"lo","flags":["LOOPBACK","UP","LOWER_UP"],"mtu":65536,"address":"00:00:00:00:00:00"},
         {"ifindex":2,"ifname":"vmbr0","flags":["BROADCAST","MULTICAST","UP","LOWER_UP"],"address":"8a:9d:05:fe:af:19",
          "linkinfo":{"info_kind":"bridge","info_data":{"forward_delay":1500,"vlan_filtering":1,"vlan_protocol":"802.1Q"}}},
         {"ifindex":3,"ifname":"tap100i0","flags":["BROADCAST","MULTICAST"],"master":"vmbr0","address":"92:0c:85:1d:1b:02",
          "linkinfo":{"info_kind":"tun","info_data":{"type":"tap","pi":false},"info_slave_kind":"bridge"}}]
        """;

    [Fact]
    public void ParseLinks_IpJson_KindsMastersAndVlanFiltering()
    {
        var links = IpTool.ParseLinks(Links);

        Assert.Equal(
            [
                new LinkInfo("lo", null, null, true, false, "00:00:00:00:00:00"),
                new LinkInfo("vmbr0", "bridge", null, true, true, "8a:9d:05:fe:af:19"),
                new LinkInfo("tap100i0", "tun", "vmbr0", false, false, "92:0c:85:1d:1b:02"),
            ],
            links);
    }

    [Fact]
    public void ParseInterfaces_DefaultRoute_GatewayOnItsInterfaceOnly()
    {
        // `ip -j -4 route show default` (iproute2 6.1) with one default route out of vmbr0.
        var gateways = IpTool.ParseDefaultGateways("""[{"dst":"default","gateway":"10.9.0.254","dev":"vmbr0","flags":[]}]""");

        var interfaces = IpTool.ParseInterfaces(Links, gateways);

        Assert.Equal("10.9.0.254", interfaces.Single(i => i.Name == "vmbr0").Gateway);
        Assert.All(interfaces.Where(i => i.Name != "vmbr0"), i => Assert.Null(i.Gateway));
        Assert.Empty(IpTool.ParseDefaultGateways(""));
    }

    [Theory]
    [InlineData("vmbr0", true)]
    [InlineData("vmbr0v4094", true)]
    [InlineData("a-very-long-name", false)]
    [InlineData("bad/name", false)]
    [InlineData("..", false)]
    [InlineData("", false)]
    public void IsValid_InterfaceNames(string name, bool valid) => Assert.Equal(valid, InterfaceNames.IsValid(name));
}
