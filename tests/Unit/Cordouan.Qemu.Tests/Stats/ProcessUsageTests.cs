using Cordouan.Qemu.Stats;
using Xunit;

namespace Cordouan.Qemu.Tests.Stats;

public sealed class ProcessUsageTests
{
    // A real QEMU stat line (pid, comm with a space and parentheses, then state and fields 4..52): utime 1234, stime 567.
    private const string QemuStat =
        "4242 (qemu-system-x86 (vm)) S 1 4241 4241 0 -1 4194560 53251 0 12 0 1234 567 0 0 20 0 7 0 98765 2147483648 61234 "
        + "18446744073709551615 1 1 0 0 0 0 268444224 4096 16963 0 0 0 17 1 0 0 0 0 0 0 0 0 0 0 0 0 0";

    [Fact]
    public void ParseCpuTicks_CommandNameWithSpacesAndParentheses_SumsUserAndSystemTime() =>
        Assert.Equal(1234 + 567, ProcessUsage.ParseCpuTicks(QemuStat));

    [Theory]
    [InlineData("")]
    [InlineData("4242 (qemu")]
    [InlineData("4242 (qemu) S 1 2 3")]
    [InlineData("4242 (qemu) S 1 4241 4241 0 -1 4194560 53251 0 12 0 -5 567 0")]
    public void ParseCpuTicks_TruncatedOrOdd_ReturnsNull(string stat) => Assert.Null(ProcessUsage.ParseCpuTicks(stat));

    [Fact]
    public void ParseResidentBytes_StatusText_ReadsVmRssInBytes()
    {
        const string status = "Name:\tqemu-system-x86\nVmPeak:\t 2400000 kB\nVmRSS:\t  180224 kB\nRssAnon:\t  170000 kB\n";

        Assert.Equal(180224L * 1024, ProcessUsage.ParseResidentBytes(status));
    }

    [Fact]
    public void ParseResidentBytes_KernelThreadWithoutRss_ReturnsZero() =>
        Assert.Equal(0, ProcessUsage.ParseResidentBytes("Name:\tkthreadd\nState:\tS (sleeping)\n"));

    [Theory]
    // 2 s of wall time at USER_HZ 100 is 200 ticks per CPU: 50 ticks = a quarter of one CPU, 400 = two CPUs.
    [InlineData(50, 2000, 0.25)]
    [InlineData(400, 2000, 2.0)]
    [InlineData(0, 2000, 0.0)]
    [InlineData(-10, 2000, 0.0)]
    [InlineData(50, 0, 0.0)]
    public void CpuCores_TicksOverWallTime_HostCpusBusy(long ticks, int milliseconds, double expected) =>
        Assert.Equal(expected, ProcessUsage.CpuCores(ticks, TimeSpan.FromMilliseconds(milliseconds)), 6);
}
