using Cordouan.Node.Vms.Migration;
using Xunit;

namespace Cordouan.Node.Tests.Vms.Migration;

public sealed class BandwidthLimiterTests
{
    [Theory]
    [InlineData(null)]
    [InlineData(0L)]
    public void FromKiBps_NoneOrZero_Unlimited(long? kibps) => Assert.Null(BandwidthLimiter.FromKiBps(kibps));

    [Fact]
    public void FromKiBps_Limit_BytesPerSecond() => Assert.Equal(4 * 1024 * 1024, BandwidthLimiter.FromKiBps(4096)!.BytesPerSecond);

    [Fact]
    public void DelayFor_AheadOfSchedule_WaitsTheDifference()
    {
        var limiter = new BandwidthLimiter(1024 * 1024);
        Assert.Equal(TimeSpan.FromSeconds(1.5), limiter.DelayFor(2 * 1024 * 1024, TimeSpan.FromSeconds(0.5)));
    }

    [Fact]
    public void DelayFor_BehindSchedule_NoWait()
    {
        var limiter = new BandwidthLimiter(1024 * 1024);
        Assert.Equal(TimeSpan.Zero, limiter.DelayFor(1024 * 1024, TimeSpan.FromSeconds(3)));
    }
}
