using System.Text;
using Cordouan.Cluster.Etcd;

namespace Cordouan.Cluster.Tests.Etcd;

public sealed class EtcdKeysTests
{
    [Theory]
    [InlineData("/cordouan/v1/vms/", "/cordouan/v1/vms0")]
    [InlineData("a", "b")]
    public void PrefixEnd_AsciiPrefix_IncrementsLastByte(string prefix, string expected)
    {
        Assert.Equal(expected, Encoding.UTF8.GetString(EtcdKeys.PrefixEnd(prefix)));
    }

    [Fact]
    public void PrefixEnd_EmptyPrefix_IsNulMeaningEverything()
    {
        Assert.Equal([(byte)0], EtcdKeys.PrefixEnd(""));
    }

    [Fact]
    public void PrefixEnd_NonAsciiPrefix_IncrementsLastUtf8Byte()
    {
        // "\u00ff" is C3 BF in UTF-8: the last byte is incremented to C0, the key part before it kept.
        var end = EtcdKeys.PrefixEnd("a\u00ff");

        Assert.Equal(new byte[] { 0x61, 0xC3, 0xC0 }, end);
    }
}
