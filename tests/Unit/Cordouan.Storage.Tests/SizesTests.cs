using Cordouan.Core.Storage;
using Xunit;

namespace Cordouan.Storage.Tests;

/// <summary>The Proxmox size strings storage callers rely on (<see cref="Sizes"/> lives in Core).</summary>
public sealed class SizesTests
{
    [Theory]
    [InlineData("32G", 34359738368L)]
    [InlineData("1.5G", 1610612736L)]
    [InlineData("34359738368", 34359738368L)]
    [InlineData("32GiB", 34359738368L)]
    [InlineData("512M", 536870912L)]
    [InlineData("528K", 540672L)]
    [InlineData("2T", 2199023255552L)]
    public void TryParse_ProxmoxSize_ReturnsBytes(string text, long bytes)
    {
        Assert.True(Sizes.TryParse(text, out var parsed));
        Assert.Equal(bytes, parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("G")]
    [InlineData("32X")]
    [InlineData("-1G")]
    [InlineData("1,5G")]
    [InlineData("32 G")]
    [InlineData("\u0663\u0662G")]
    public void TryParse_Malformed_ReturnsFalse(string text)
    {
        Assert.False(Sizes.TryParse(text, out _));
    }

    [Theory]
    [InlineData(34359738368L, "32G")]
    [InlineData(536870912L, "512M")]
    [InlineData(540672L, "528K")]
    [InlineData(1610612736L, "1536M")]
    [InlineData(2199023255552L, "2T")]
    [InlineData(1000L, "1000")]
    public void Format_Bytes_UsesLargestExactUnit(long bytes, string text)
    {
        Assert.Equal(text, Sizes.Format(bytes));
    }
}
