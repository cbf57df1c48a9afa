using Cordouan.Core.Storage;
using Cordouan.Core.Vms;
using Cordouan.Qemu.Qmp.Commands;
using Xunit;

namespace Cordouan.Qemu.Tests.Qmp;

public sealed class QmpBlockdevCommandsTests
{
    [Fact]
    public void Options_RbdTarget_RawOverLibrbdWithTheDriveCacheSettings()
    {
        var drive = new DriveSpec("scsi0", DiskBus.Scsi, 0, null, "raw", Cache: "none", Rbd: new RbdLocation("vms", "vm-100-disk-1", "/etc/ceph/ceph.conf", "admin"));

        var options = QmpBlockdevCommands.Options(drive, "drive-scsi0-abc123", "file-scsi0-abc123").ToJsonString();

        Assert.Equal(
            """{"driver":"raw","node-name":"drive-scsi0-abc123","file":{"driver":"rbd","pool":"vms","image":"vm-100-disk-1","conf":"/etc/ceph/ceph.conf","user":"admin","node-name":"file-scsi0-abc123","cache":{"direct":true,"no-flush":false},"read-only":false,"discard":"ignore"},"cache":{"direct":true,"no-flush":false},"read-only":false,"discard":"ignore"}""",
            options);
    }

    [Theory]
    [InlineData("/data/images/100/vm-100-disk-1.qcow2", "file")]
    [InlineData("/dev/vg0/vm-100-disk-1", "host_device")]
    public void Options_HostImage_FileOrHostDevice(string path, string protocol)
    {
        var drive = new DriveSpec("virtio1", DiskBus.Virtio, 1, path, "qcow2", Cache: "writeback", Discard: true);

        var options = QmpBlockdevCommands.Options(drive, "drive-virtio1-x", "file-virtio1-x");

        Assert.Equal("qcow2", options["driver"]!.GetValue<string>());
        Assert.Equal(protocol, options["file"]!["driver"]!.GetValue<string>());
        Assert.Equal(path, options["file"]!["filename"]!.GetValue<string>());
        Assert.False(options["cache"]!["direct"]!.GetValue<bool>());
        Assert.Equal("unmap", options["file"]!["discard"]!.GetValue<string>());
    }

    [Fact]
    public void Options_NoImage_Refused()
    {
        Assert.Throws<ArgumentException>(() => QmpBlockdevCommands.Options(new DriveSpec("ide2", DiskBus.Ide, 2, null, "raw", IsCdrom: true), "a", "b"));
    }
}
