using Cordouan.Network.Nat;
using Xunit;

namespace Cordouan.Network.Tests.Nat;

public sealed class DhcpLeaseFileTests
{
    [Fact]
    public void Parse_DnsmasqLines_MacLowercasedHostnameAndInfiniteExpiry()
    {
        const string text = """
            1764135600 52:54:00:AB:CD:EF 10.78.0.51 guest1 01:52:54:00:ab:cd:ef
            0 52:54:00:00:00:02 10.78.0.52 * *

            garbage line
            """;

        var leases = DhcpLeaseFile.Parse(text);

        Assert.Equal(2, leases.Count);
        Assert.Equal("52:54:00:ab:cd:ef", leases[0].Mac);
        Assert.Equal("10.78.0.51", leases[0].Ip);
        Assert.Equal("guest1", leases[0].Hostname);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1764135600), leases[0].Expiry);
        Assert.Null(leases[1].Hostname);
        Assert.Null(leases[1].Expiry);
    }
}
