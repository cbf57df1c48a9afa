using Cordouan.Api.Endpoints.Qemu.Permissions;
using Xunit;

namespace Cordouan.Api.Tests.Endpoints.Qemu;

public sealed class VmConfigPermissionsTests
{
    [Theory]
    [InlineData("cores", "VM.Config.CPU")]
    [InlineData("sockets", "VM.Config.CPU")]
    [InlineData("cpu", "VM.Config.CPU")]
    [InlineData("numa0", "VM.Config.CPU")]
    [InlineData("memory", "VM.Config.Memory")]
    [InlineData("balloon", "VM.Config.Memory")]
    [InlineData("machine", "VM.Config.HWType")]
    [InlineData("vga", "VM.Config.HWType")]
    [InlineData("rng0", "VM.Config.HWType")]
    [InlineData("name", "VM.Config.Options")]
    [InlineData("onboot", "VM.Config.Options")]
    [InlineData("description", "VM.Config.Options")]
    [InlineData("freeze", "VM.PowerMgmt")]
    [InlineData("boot", "VM.Config.Disk")]
    [InlineData("vmstatestorage", "VM.Config.Disk")]
    [InlineData("net0", "VM.Config.Network")]
    [InlineData("net31", "VM.Config.Network")]
    public void For_ClassifiedKey_NeedsItsClassPrivilege(string key, string privilege)
    {
        var rule = VmConfigPermissions.For(key);
        Assert.Equal(ConfigKeyCheck.All, rule.Check);
        Assert.Equal([privilege], rule.Privileges);
        Assert.False(rule.SysModifyOnRoot);
    }

    [Theory]
    [InlineData("ciuser")]
    [InlineData("cipassword")]
    [InlineData("sshkeys")]
    [InlineData("ipconfig0")]
    public void For_CloudInitKey_NeedsCloudinitOrNetwork(string key)
    {
        var rule = VmConfigPermissions.For(key);
        Assert.Equal(ConfigKeyCheck.Any, rule.Check);
        Assert.Equal(["VM.Config.Cloudinit", "VM.Config.Network"], rule.Privileges);
    }

    [Fact]
    public void For_Startup_AlsoNeedsSysModifyOnRoot()
    {
        var rule = VmConfigPermissions.For("startup");
        Assert.Equal(["VM.Config.Options"], rule.Privileges);
        Assert.True(rule.SysModifyOnRoot);
    }

    [Fact]
    public void For_Vmstate_NeedsDiskAndPowerMgmt() =>
        Assert.Equal(["VM.Config.Disk", "VM.PowerMgmt"], VmConfigPermissions.For("vmstate").Privileges);

    [Theory]
    [InlineData("scsi0")]
    [InlineData("virtio15")]
    [InlineData("ide2")]
    [InlineData("efidisk0")]
    [InlineData("tpmstate0")]
    [InlineData("cdrom")]
    [InlineData("unused3")]
    [InlineData("serial0")]
    [InlineData("usb1")]
    [InlineData("hostpci0")]
    [InlineData("virtiofs0")]
    [InlineData("tags")]
    public void For_DeviceOrDisk_DecidedByValue(string key) =>
        Assert.Equal(ConfigKeyCheck.ValueDependent, VmConfigPermissions.For(key).Check);

    [Theory]
    [InlineData("args")]
    [InlineData("hookscript")]
    [InlineData("lock")]
    [InlineData("cicustom")]
    [InlineData("affinity")]
    [InlineData("vmgenid")]
    [InlineData("somethingnew")]
    public void For_UnclassifiedKey_RootOnly(string key)
    {
        Assert.Equal(ConfigKeyCheck.RootOnly, VmConfigPermissions.For(key).Check);
        Assert.Equal($"only root can set '{key}' config", VmConfigPermissions.RootOnlyMessage(key));
    }
}
