using Cordouan.Core.Network;
using Xunit;

namespace Cordouan.Node.Tests.Network;

public sealed class DhcpRangeTests
{
    [Theory]
    [InlineData("10.78.0.1/24", "10.78.0.128-10.78.0.254")]
    [InlineData("192.168.7.1/16", "192.168.128.0-192.168.255.254")]
    [InlineData("10.0.0.1/30", "10.0.0.2-10.0.0.2")]
    [InlineData("10.0.0.1/31", null)]
    public void Default_UpperHalfOfTheSubnet(string cidr, string? expected) =>
        Assert.Equal(expected, DhcpRange.Default(Ipv4Subnet.TryParse(cidr)!)?.ToString());

    [Theory]
    [InlineData("10.78.0.50-10.78.0.60", null)]
    [InlineData("10.78.0.50", "not a range")]
    [InlineData("10.78.0.60-10.78.0.50", "ends before it starts")]
    [InlineData("10.79.0.2-10.79.0.9", "not inside the subnet 10.78.0.0/24")]
    [InlineData("10.78.0.0-10.78.0.9", "not inside the subnet")]
    [InlineData("10.78.0.200-10.78.0.255", "not inside the subnet")]
    [InlineData("10.78.0.1-10.78.0.9", "the bridge's own address 10.78.0.1")]
    public void TryParse_ChecksAgainstTheBridgeSubnet(string text, string? reason)
    {
        var error = DhcpRange.TryParse(text, Ipv4Subnet.TryParse("10.78.0.1/24")!, out var range);

        if (reason is null)
        {
            Assert.Null(error);
            Assert.Equal(text, range!.ToString());
        }
        else
        {
            Assert.Contains(reason, error, StringComparison.Ordinal);
            Assert.Null(range);
        }
    }
}
