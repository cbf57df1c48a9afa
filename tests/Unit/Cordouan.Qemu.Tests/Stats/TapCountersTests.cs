using Cordouan.Core.Ids;
using Cordouan.Qemu.Stats;
using Xunit;

namespace Cordouan.Qemu.Tests.Stats;

public sealed class TapCountersTests
{
    private const string ProcNetDev =
        "Inter-|   Receive                                                |  Transmit\n"
        + " face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed\n"
        + "    lo:  123456     100    0    0    0     0          0         0   123456     100    0    0    0     0       0          0\n"
        + "vmbr0:    9999      10    0    0    0     0          0         0     8888      10    0    0    0     0       0          0\n"
        + "tap100i0:    1000      10    0    0    0     0          0         0     2000      20    0    0    0     0       0          0\n"
        + "tap100i1:     300       3    0    0    0     0          0         0      400       4    0    0    0     0       0          0\n"
        + "tap101i0:5000000   10000    0    0    0     0          0         0       70       1    0    0    0     0       0          0\n"
        + "tap99i0:     1       1    0    0    0     0          0         0        1       1    0    0    0     0       0          0\n"
        + "tapfoo:     1       1    0    0    0     0          0         0        1       1    0    0    0     0       0          0\n"
        + "fwpr100p0:   777       7    0    0    0     0          0         0      777       7    0    0    0     0       0          0\n";

    [Fact]
    public void Parse_ProcNetDev_SumsEachVmsTapsAsProxmox()
    {
        var counters = TapCounters.Parse(ProcNetDev);

        // netout = what the taps received (the guest sent), netin = what they transmitted (to the guest).
        Assert.Equal((2000L + 400, 1000L + 300), counters[new VmId(100)]);
        Assert.Equal((70L, 5000000L), counters[new VmId(101)]);
        Assert.Equal(2, counters.Count);
    }

    [Fact]
    public void Parse_Garbage_ReturnsEmpty() => Assert.Empty(TapCounters.Parse("tap100i0: lots of bytes\n:\n\n"));
}
