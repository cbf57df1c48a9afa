using Cordouan.Api.Endpoints.Ceph;
using Xunit;

namespace Cordouan.Api.Tests.Endpoints.Ceph;

public sealed class CephInitHandlerTests
{
    [Theory]
    [InlineData("10.0.0.5/24", "10.0.0.0/24")]
    [InlineData("127.0.0.0/8", "127.0.0.0/8")]
    [InlineData("192.168.7.200/20", "192.168.0.0/20")]
    [InlineData("fd00::17/64", "fd00::/64")]
    public void Normalize_HostBitsSet_ClearsThem(string cidr, string expected)
    {
        Assert.Equal(expected, CephInitHandler.Normalize(cidr)?.ToString());
    }

    [Theory]
    [InlineData("10.0.0.0")]
    [InlineData("10.0.0.0/33")]
    [InlineData("10.0.0/8")]
    [InlineData("net/8")]
    [InlineData("10.0.0.0/-1")]
    public void Normalize_NotACidr_IsNull(string cidr)
    {
        Assert.Null(CephInitHandler.Normalize(cidr));
    }

    [Theory]
    [InlineData("node1", true)]
    [InlineData("a", true)]
    [InlineData("pve-2", true)]
    [InlineData("-x", false)]
    [InlineData("x-", false)]
    [InlineData("a.b", false)]
    [InlineData("", false)]
    public void IsDaemonId_Names_FollowTheRule(string id, bool valid)
    {
        Assert.Equal(valid, CephRequest.IsDaemonId(id));
    }
}
