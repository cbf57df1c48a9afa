using Cordouan.Ceph.Daemons;
using Xunit;

namespace Cordouan.Ceph.Tests.Daemons;

public sealed class DaemonProcessTests
{
    private static readonly CephDaemon Osd = new("osd", "2");

    [Fact]
    public void Matches_OurDaemonLine_IsTrue()
    {
        Assert.True(DaemonProcess.Matches(["/usr/bin/ceph-osd", "--cluster", "ceph", "-c", "/data/ceph/ceph.conf", "-i", "2"], Osd, "/data/ceph/ceph.conf"));
    }

    [Theory]
    [InlineData("/usr/bin/ceph-osd", "/other/ceph.conf", "2")]
    [InlineData("/usr/bin/ceph-osd", "/data/ceph/ceph.conf", "20")]
    [InlineData("/usr/bin/ceph-mon", "/data/ceph/ceph.conf", "2")]
    [InlineData("/usr/bin/sleep", "/data/ceph/ceph.conf", "2")]
    public void Matches_OtherClusterIdOrProgram_IsFalse(string program, string conf, string id)
    {
        Assert.False(DaemonProcess.Matches([program, "-c", conf, "-i", id], Osd, "/data/ceph/ceph.conf"));
    }
}
