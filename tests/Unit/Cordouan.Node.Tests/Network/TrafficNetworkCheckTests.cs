using Cordouan.Node.Network;
using Xunit;

namespace Cordouan.Node.Tests.Network;

public sealed class TrafficNetworkCheckTests
{
    private static readonly NodeDocument Node = new() { Name = "n1", Address = "10.0.0.5", ApiPort = 8006, ClusterUrl = "https://10.1.0.5:2380" };

    [Fact]
    public void Warnings_NothingSetOrAddressesInside_None()
    {
        Assert.Empty(TrafficNetworkCheck.Warnings(new TrafficNetworks(), Node));
        Assert.Empty(TrafficNetworkCheck.Warnings(new TrafficNetworks { Management = "10.0.0.0/24", Cluster = "10.1.0.5", Migration = "10.9.0.0/24" }, Node));
    }

    [Fact]
    public void Warnings_AddressesOutside_EachNamedWithWhatToRestartWith()
    {
        var warnings = TrafficNetworkCheck.Warnings(new TrafficNetworks { Management = "10.7.0.0/24", Cluster = "10.1.0.6" }, Node);

        Assert.Equal(
            [
                "API address 10.0.0.5 is outside the management network 10.7.0.0/24: restart cordouand with --address <its address in 10.7.0.0/24> and --listen <that address>:8006",
                "etcd peer address 10.1.0.5 is outside the cluster network 10.1.0.6: update this member's peer URL (etcdctl member update) and restart cordouand with --etcd-peer-url https://<its address in 10.1.0.6>:2380",
            ],
            warnings);
    }

    [Fact]
    public void Warnings_ExternalEtcdOrHostName_NotJudged()
    {
        var networks = new TrafficNetworks { Management = "10.7.0.0/24", Cluster = "10.7.0.0/24" };

        Assert.Empty(TrafficNetworkCheck.Warnings(networks, Node with { Address = "node1.example", ClusterUrl = null }));
    }

    [Theory]
    [InlineData("10.0.0.0/8", "10.200.1.1", false)]
    [InlineData("10.0.0.0/24", "10.0.1.1", true)]
    [InlineData("10.0.0.1", "10.0.0.1", false)]
    [InlineData("10.0.0.1", "10.0.0.2", true)]
    [InlineData("10.0.0.0/24", "localhost", false)]
    public void IsOutside_CidrOrAddress(string network, string address, bool outside) =>
        Assert.Equal(outside, TrafficNetworkCheck.IsOutside(network, address));
}
