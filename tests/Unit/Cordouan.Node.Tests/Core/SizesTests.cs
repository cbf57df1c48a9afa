using Cordouan.Core.Storage;
using Xunit;

namespace Cordouan.Node.Tests.Core;

public sealed class SizesTests
{
    [Theory]
    [InlineData("32G", 34359738368L)]
    [InlineData("32GiB", 34359738368L)]
    [InlineData("1.5G", 1610612736L)]
    [InlineData("512M", 536870912L)]
    [InlineData("34359738368", 34359738368L)]
    public void TryParse_ProxmoxSizes(string text, long bytes)
    {
        Assert.True(Sizes.TryParse(text, out var parsed));
        Assert.Equal(bytes, parsed);
    }

    [Theory]
    [InlineData(34359738368L, "32G")]
    [InlineData(536870912L, "512M")]
    [InlineData(540672L, "528K")]
    [InlineData(1000L, "1000")]
    public void Format_LargestExactUnit(long bytes, string text) => Assert.Equal(text, Sizes.Format(bytes));

    [Theory]
    [InlineData("")]
    [InlineData("12X")]
    [InlineData("-1G")]
    public void TryParse_Malformed_False(string text) => Assert.False(Sizes.TryParse(text, out _));
}
