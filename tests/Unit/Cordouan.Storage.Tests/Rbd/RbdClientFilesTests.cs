using Cordouan.Core.Storage;
using Cordouan.Storage.Rbd;
using Xunit;

namespace Cordouan.Storage.Tests.Rbd;

/// <summary>The files and names a Ceph client is given: external cluster conf, QEMU's rbd: filename, rbd timestamps.</summary>
public sealed class RbdClientFilesTests
{
    [Fact]
    public void ExternalClusterConf_ProxmoxMonHost_BecomesCommaListWithKeyring()
    {
        var conf = ExternalClusterConf.Render("ext", "10.0.0.1 10.0.0.2:6789;[fd00::3]", "/var/lib/cordouan/storage/rbd/ext.keyring");

        Assert.Contains("\tmon_host = 10.0.0.1,10.0.0.2:6789,[fd00::3]\n", conf, StringComparison.Ordinal);
        Assert.Contains("\tkeyring = /var/lib/cordouan/storage/rbd/ext.keyring\n", conf, StringComparison.Ordinal);
        Assert.Contains("\tauth_client_required = cephx\n", conf, StringComparison.Ordinal);
    }

    [Fact]
    public void StorageDefinition_Printed_LeavesTheKeyringOut()
    {
        var storage = new StorageDefinition { Id = "ext", Type = "rbd", Pool = "vms", MonHost = "10.0.0.1", Keyring = "[client.admin]\n\tkey = AQBsecret==\n" };

        Assert.DoesNotContain("AQBsecret", storage.ToString(), StringComparison.Ordinal);
        Assert.Contains("Pool = vms", storage.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ToQemuFilename_EscapesColonsAndBackslashes()
    {
        Assert.Equal("rbd:vms/vm-100-disk-0:conf=/etc/ceph/ceph.conf:id=admin", new RbdLocation("vms", "vm-100-disk-0", "/etc/ceph/ceph.conf", "admin").ToQemuFilename());
        Assert.Equal(@"rbd:vms/vm-100-disk-0:conf=/srv/a\:b\\c.conf:id=admin", new RbdLocation("vms", "vm-100-disk-0", @"/srv/a:b\c.conf", "admin").ToQemuFilename());
    }

    [Theory]
    [InlineData("Wed Nov 25 22:53:04 2026", 25)]
    [InlineData("Thu Nov  5 01:02:03 2026", 5)]
    public void RbdTimestamps_AsctimeForms(string text, int day)
    {
        var parsed = RbdTimestamps.TryParse(text);

        Assert.NotNull(parsed);
        Assert.Equal(day, parsed.Value.Day);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("2026-11-25T22:53:04Z")]
    public void RbdTimestamps_Unreadable_Null(string? text)
    {
        Assert.Null(RbdTimestamps.TryParse(text));
    }
}
