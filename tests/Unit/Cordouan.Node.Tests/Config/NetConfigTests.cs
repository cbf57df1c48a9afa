using Cordouan.Node.Config;
using Xunit;

namespace Cordouan.Node.Tests.Config;

public sealed class NetConfigTests
{
    [Theory]
    [InlineData("virtio=bc:24:11:aa:bb:cc,bridge=vmbr0,firewall=1", "virtio=BC:24:11:AA:BB:CC,bridge=vmbr0,firewall=1")]
    [InlineData("model=virtio,bridge=vmbr0,macaddr=BC:24:11:00:00:01", "virtio=BC:24:11:00:00:01,bridge=vmbr0")]
    [InlineData("e1000,tag=10", "e1000,tag=10")]
    public void Parse_ProxmoxForms_PrintsCanonicalWithMacFirst(string input, string canonical)
    {
        Assert.Equal(canonical, NetConfig.Parse("net0", input).ToString());
    }

    [Theory]
    [InlineData("virtio,tag=4095", "tag")]
    [InlineData("bogus=1", "bogus")]
    [InlineData("virtio=zz:zz", "macaddr")]
    [InlineData("model=nic9000", "model")]
    public void Parse_BadValue_NamesTheSubKey(string input, string subKey)
    {
        var e = Assert.Throws<FormatException>(() => NetConfig.Parse("net0", input));
        Assert.Contains($"net0.{subKey}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParseKey_Net32_IsOutOfRange()
    {
        Assert.True(NetConfig.TryParseKey("net31", out _));
        Assert.False(NetConfig.TryParseKey("net32", out _));
    }
}
