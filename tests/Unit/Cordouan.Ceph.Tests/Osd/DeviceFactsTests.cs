using System.Text;
using Cordouan.Ceph.Osd;
using Xunit;

namespace Cordouan.Ceph.Tests.Osd;

public sealed class DeviceFactsTests
{
    [Fact]
    public void ReadSignatures_BluestoreLabel_IsOsdNotPartitionTable()
    {
        var head = new byte[1024];
        Encoding.ASCII.GetBytes("bluestore block device\n0a1b").CopyTo(head, 0);
        Assert.Equal((false, true), DeviceFacts.ReadSignatures(head));
    }

    [Fact]
    public void ReadSignatures_MbrAndGpt_ArePartitionTables()
    {
        var mbr = new byte[1024];
        mbr[510] = 0x55;
        mbr[511] = 0xAA;
        Assert.Equal((true, false), DeviceFacts.ReadSignatures(mbr));
        var gpt = new byte[1024];
        Encoding.ASCII.GetBytes("EFI PART").CopyTo(gpt, 512);
        Assert.Equal((true, false), DeviceFacts.ReadSignatures(gpt));
        Assert.Equal((false, false), DeviceFacts.ReadSignatures(new byte[1024]));
    }

    [Fact]
    public void Problems_MountedWithPartitions_BlocksEvenWithZapAndListsZappable()
    {
        var facts = new DeviceFacts { Path = "/dev/sdb", IsBlockDevice = true, Mounted = true, Partitions = ["sdb1"], HasPartitionTable = true };

        var (blocking, zappable) = facts.Problems();

        Assert.Equal(["/dev/sdb is mounted"], blocking);
        Assert.Equal(["/dev/sdb has a partition table (sdb1)"], zappable);
    }

    [Fact]
    public void Problems_DeviceOfLiveOsd_IsBlockingNotZappable()
    {
        var (blocking, zappable) = new DeviceFacts { Path = "/dev/loop0", IsBlockDevice = true, HasBluestoreLabel = true, UsedByOsd = 3 }.Problems();

        Assert.Equal(["/dev/loop0 is the device of osd.3"], blocking);
        Assert.Empty(zappable);
    }

    [Fact]
    public void Problems_NotABlockDevice_OnlyThat()
    {
        var (blocking, zappable) = new DeviceFacts { Path = "/tmp/x" }.Problems();

        Assert.Equal(["/tmp/x is not a block device"], blocking);
        Assert.Empty(zappable);
    }
}
