using Cordouan.Core.Vms;
using Cordouan.Node.Config;
using Xunit;

namespace Cordouan.Node.Tests.Config;

public sealed class DiskConfigTests
{
    [Fact]
    public void Parse_AllocationRequest_KeepsOptionsAndBus()
    {
        var disk = DiskConfig.Parse("scsi1", "local:32,iothread=1,discard=on");
        Assert.Equal(DiskBus.Scsi, disk.Bus);
        Assert.Equal(1, disk.Index);
        Assert.Equal("local:32", disk.File);
        Assert.Equal("local:32,discard=on,iothread=1", disk.ToString());
    }

    [Fact]
    public void Parse_Cdrom_IsCdrom()
    {
        Assert.True(DiskConfig.Parse("ide2", "none,media=cdrom").IsCdrom);
    }

    [Theory]
    [InlineData("ide4")]
    [InlineData("virtio16")]
    [InlineData("sata6")]
    [InlineData("scsi31")]
    [InlineData("nvme0")]
    public void IsDiskKey_OutOfRangeOrUnknownBus_False(string key) => Assert.False(DiskConfig.IsDiskKey(key));

    [Fact]
    public void Parse_UnknownOption_NamesIt()
    {
        var e = Assert.Throws<FormatException>(() => DiskConfig.Parse("scsi0", "local:1,turbo=1"));
        Assert.Contains("scsi0.turbo", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithOption_Null_RemovesIt()
    {
        var disk = DiskConfig.Parse("scsi0", "local:0,import-from=/x.qcow2").WithOption("import-from", null).WithFile("local:100/vm-100-disk-0.qcow2");
        Assert.Equal("local:100/vm-100-disk-0.qcow2", disk.ToString());
    }
}
