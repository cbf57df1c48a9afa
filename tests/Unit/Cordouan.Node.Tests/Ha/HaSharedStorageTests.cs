using Cordouan.Node.Ha;
using Cordouan.Node.Vms;
using Xunit;

namespace Cordouan.Node.Tests.Ha;

public sealed class HaSharedStorageTests
{
    private static readonly Dictionary<string, bool> Storages = new() { ["local"] = false, ["nfs"] = true, ["ceph"] = true };

    private static VmDocument Vm(Dictionary<string, string> config) => new() { VmId = 100, Owner = "n1", Config = config };

    [Fact]
    public void Problems_EveryDiskShared_NoneEvenWithLocalCdromAndUnused()
    {
        var vm = Vm(new()
        {
            ["scsi0"] = "nfs:100/vm-100-disk-0.qcow2,size=4G",
            ["virtio1"] = "ceph:vm-100-disk-1,size=8G",
            ["efidisk0"] = "nfs:100/vm-100-disk-2.qcow2,efitype=4m",
            ["ide2"] = "local:iso/debian.iso,media=cdrom",
            ["ide3"] = "none,media=cdrom",
            ["sata0"] = "cdrom,media=cdrom",
            ["unused0"] = "local:100/vm-100-disk-9.qcow2",
        });

        Assert.Empty(HaSharedStorage.Problems(vm, Storages));
    }

    [Fact]
    public void Problems_DiskOnLocalStorage_NamesDiskAndStorage()
    {
        var vm = Vm(new() { ["scsi0"] = "local:100/vm-100-disk-0.qcow2,size=4G", ["scsi1"] = "nfs:100/vm-100-disk-1.qcow2" });

        var problems = HaSharedStorage.Problems(vm, Storages);

        Assert.Equal(["disk scsi0 is on local storage 'local'"], problems);
        Assert.Equal("HA needs shared storage: disk scsi0 is on local storage 'local' - move it to a shared storage first", HaSharedStorage.Refusal(problems));
    }

    [Fact]
    public void Problems_LocalEfiAndTpmState_Counted()
    {
        var vm = Vm(new() { ["efidisk0"] = "local:100/vm-100-disk-0.qcow2", ["tpmstate0"] = "local:100/vm-100-disk-1.raw,version=v2.0" });

        Assert.Equal(["disk efidisk0 is on local storage 'local'", "disk tpmstate0 is on local storage 'local'"], HaSharedStorage.Problems(vm, Storages));
    }

    [Fact]
    public void Problems_HostDeviceAndUnknownStorage_Reported()
    {
        var vm = Vm(new() { ["scsi0"] = "/dev/sdb", ["virtio0"] = "gone:100/vm-100-disk-0.qcow2" });

        Assert.Equal(["disk scsi0 is the host device '/dev/sdb'", "disk virtio0 is on storage 'gone', which does not exist"], HaSharedStorage.Problems(vm, Storages));
    }
}
