using Cordouan.Node.Config;
using Xunit;

namespace Cordouan.Node.Tests.Config;

public sealed class StartupOrderTests
{
    [Theory]
    [InlineData("order=2", 2L, null, null)]
    [InlineData("3", 3L, null, null)]
    [InlineData("order=1,up=30,down=60", 1L, 30, 60)]
    [InlineData("up=5", null, 5, null)]
    [InlineData("down=0", null, null, 0)]
    [InlineData("order=1,,up=2", 1L, 2, null)]
    [InlineData("order=1,order=4", 4L, null, null)]
    public void TryParse_ProxmoxForms_Parse(string value, long? order, int? up, int? down)
    {
        Assert.True(StartupOrder.TryParse(value, out var startup));

        Assert.Equal(new StartupOrder(order, up, down), startup);
    }

    [Theory]
    [InlineData("")]
    [InlineData("order=-1")]
    [InlineData("order=x")]
    [InlineData("up=")]
    [InlineData("delay=3")]
    [InlineData("order=1 ")]
    [InlineData("order=١")]
    public void TryParse_Malformed_Fails(string value)
    {
        Assert.False(StartupOrder.TryParse(value, out _));
    }

    [Fact]
    public void Validate_BadStartup_ReturnsProxmoxsText()
    {
        Assert.Equal("unable to parse startup options", VmConfigSchema.Validate("startup", "order=first", out _));
        Assert.Null(VmConfigSchema.Validate("startup", "order=1,up=0,down=30", out _));
    }
}
