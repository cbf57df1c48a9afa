using Cordouan.Core.Network;
using Cordouan.Node.Network;
using Xunit;

namespace Cordouan.Node.Tests.Network;

public sealed class TrafficNetworkServiceTests
{
    private static readonly LiveInterface[] Live =
    [
        new("eth0", null, true, null, false, 1500, ["192.168.1.5/24"]),
        new("eth1", null, true, null, false, 9000, ["10.10.0.7/24"]),
    ];

    [Theory]
    [InlineData("10.10.0.0/24", "10.10.0.7")]
    [InlineData("10.10.0.99/16", "10.10.0.7")]
    [InlineData("172.16.0.0/12", null)]
    [InlineData("10.99.0.3", "10.99.0.3")]
    public void Resolve_CidrToTheNodeAddressInIt_AddressAsIs(string value, string? expected) =>
        Assert.Equal(expected, TrafficNetworkService.Resolve(value, Live));

    [Theory]
    [InlineData("10.0.0.0/24", true)]
    [InlineData("10.0.0.1", true)]
    [InlineData("10.0.0.0/33", false)]
    [InlineData("10.0.0", false)]
    [InlineData("fe80::1", false)]
    public void IsNetworkOrAddress(string value, bool valid) => Assert.Equal(valid, TrafficNetworkService.IsNetworkOrAddress(value));

    [Fact]
    public void Normalize_CidrToItsNetwork() => Assert.Equal("10.213.77.0/24", TrafficNetworkService.Normalize("10.213.77.9/24"));
}
