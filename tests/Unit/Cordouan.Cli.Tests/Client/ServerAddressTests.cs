using Cordouan.Client;
using Cordouan.Client.Tasks;
using Xunit;

namespace Cordouan.Cli.Tests.Client;

public sealed class ServerAddressTests
{
    [Theory]
    [InlineData("node1", "https://node1:8006/")]
    [InlineData("node1:9443", "https://node1:9443/")]
    [InlineData("https://node1", "https://node1:8006/")]
    [InlineData("https://node1:443/", "https://node1:443/")]
    [InlineData("https://10.0.0.5:8006/api2/json", "https://10.0.0.5:8006/")]
    [InlineData("http://127.0.0.1:5555", "http://127.0.0.1:5555/")]
    [InlineData("[::1]", "https://[::1]:8006/")]
    [InlineData("https://[::1]:9000", "https://[::1]:9000/")]
    public void Normalize_UserInput_GivesSchemeHostAndPort(string input, string expected)
    {
        Assert.Equal(new Uri(expected), ServerAddress.Normalize(input));
    }

    [Theory]
    [InlineData("")]
    [InlineData("ftp://node1")]
    [InlineData("https://")]
    public void Normalize_NotAnAddress_Throws(string input)
    {
        Assert.Throws<FormatException>(() => ServerAddress.Normalize(input));
    }

    [Theory]
    [InlineData("UPID:n1:0003F2A1:00A1B2C3:65A1B2C3:qmstart:100:root@pam:", "n1")]
    [InlineData("UPID:node-2:0003F2A1:00A1B2C3:65A1B2C3:imgcopy::root@pam!tok:", "node-2")]
    public void TryGetNode_ValidUpid_ReturnsNodeField(string upid, string node)
    {
        Assert.True(UpidText.TryGetNode(upid, out var actual));
        Assert.Equal(node, actual);
    }

    [Theory]
    [InlineData("UPID:n1:0003F2A1:00A1B2C3:65A1B2C3:qmstart:100:root@pam")]
    [InlineData("nope")]
    [InlineData(null)]
    public void TryGetNode_Malformed_ReturnsFalse(string? upid)
    {
        Assert.False(UpidText.TryGetNode(upid, out _));
    }
}
