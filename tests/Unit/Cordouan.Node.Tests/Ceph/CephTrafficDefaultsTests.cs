using Cordouan.Core.Network;
using Cordouan.Node.Ceph;
using Xunit;

namespace Cordouan.Node.Tests.Ceph;

public sealed class CephTrafficDefaultsTests
{
    private static readonly LiveInterface[] Live =
    [
        new("eth0", null, true, null, false, 1500, ["192.168.1.5/24"]),
        new("eth1", null, true, null, false, 9000, ["10.10.0.7/24", "10.20.0.7/16"]),
    ];

    [Theory]
    [InlineData(null, null)]
    [InlineData("10.10.0.0/24", "10.10.0.0/24")]
    [InlineData("10.10.0.99/24", "10.10.0.0/24")]
    // A network no interface is in is still a network: the cluster's, which other nodes may be in.
    [InlineData("172.16.0.0/12", "172.16.0.0/12")]
    [InlineData("10.10.0.7", "10.10.0.0/24")]
    [InlineData("10.20.0.7", "10.20.0.0/16")]
    [InlineData("192.168.1.5", "192.168.1.0/24")]
    [InlineData("10.10.0.8", null)]
    public void Network_CidrAsItsNetwork_AddressAsTheNetworkOfTheInterfaceHoldingIt(string? setting, string? expected) =>
        Assert.Equal(expected, CephTrafficDefaults.Network(setting, Live));

    [Theory]
    [InlineData(null, null)]
    [InlineData("10.10.0.0/24", null)]
    [InlineData("10.10.0.7", "10.10.0.7")]
    public void MonAddress_OnlyAnAddressSettingPinsIt(string? setting, string? expected) =>
        Assert.Equal(expected, CephTrafficDefaults.MonAddress(setting));

    [Theory]
    [InlineData(null, null)]
    [InlineData("10.10.0.0/24", "10.10.0.7")]
    [InlineData("10.20.0.0/16", "10.20.0.7")]
    [InlineData("172.16.0.0/12", null)]
    [InlineData("10.10.0.9", "10.10.0.9")]
    public void OsdAddress_CidrToThisNodesAddressInIt_AddressAsIs(string? setting, string? expected) =>
        Assert.Equal(expected, CephTrafficDefaults.OsdAddress(setting, Live));
}
