using Cordouan.Core.Ids;
using Cordouan.Node.Vms;
using Cordouan.Node.Vms.Migration;
using Xunit;

namespace Cordouan.Node.Tests.Vms.Migration;

public sealed class MigrationVolumesTests
{
    private static VmDocument Vm(Dictionary<string, string> config, Dictionary<string, SnapshotDocument>? snapshots = null) =>
        new() { VmId = 100, Owner = "n1", Config = config, Snapshots = snapshots ?? [] };

    [Fact]
    public void Of_DisksUnusedCdromAndSnapshots_EachVolumeOnceWithItsRole()
    {
        var vm = Vm(
            new()
            {
                ["scsi0"] = "local:100/vm-100-disk-0.qcow2,size=4G",
                ["ide2"] = "local:iso/debian.iso,media=cdrom",
                ["ide3"] = "none,media=cdrom",
                ["unused0"] = "local:100/vm-100-disk-2.qcow2",
                ["efidisk0"] = "local:100/vm-100-disk-3.qcow2,efitype=4m",
                ["net0"] = "virtio=BC:24:11:00:00:01,bridge=vmbr0",
            },
            new()
            {
                ["s1"] = new SnapshotDocument
                {
                    Name = "s1",
                    Config = new Dictionary<string, string>
                    {
                        ["scsi0"] = "local:100/vm-100-disk-0.qcow2,size=4G",
                        ["scsi1"] = "local:100/vm-100-disk-1.qcow2,size=1G",
                    },
                },
            });

        var volumes = MigrationVolumes.Of(vm).ToDictionary(r => r.Volume.ToString());

        Assert.Equal(5, volumes.Count);
        Assert.Equal(new VolumeReference(new VolumeId("local", "100/vm-100-disk-0.qcow2"), "scsi0", false, false, false), volumes["local:100/vm-100-disk-0.qcow2"]);
        Assert.True(volumes["local:iso/debian.iso"].IsCdrom);
        Assert.True(volumes["local:100/vm-100-disk-2.qcow2"].IsUnused);
        Assert.Equal("efidisk0", volumes["local:100/vm-100-disk-3.qcow2"].Key);
        Assert.True(volumes["local:100/vm-100-disk-1.qcow2"].OnlyInSnapshots);
    }

    [Fact]
    public void Of_AttachedAndListedUnused_CountsAsAttached()
    {
        var vm = Vm(new() { ["unused0"] = "local:100/vm-100-disk-0.qcow2", ["virtio0"] = "local:100/vm-100-disk-0.qcow2" });
        var only = Assert.Single(MigrationVolumes.Of(vm));
        Assert.False(only.IsUnused);
        Assert.Equal("virtio0", only.Key);
    }

    [Fact]
    public void LocalResources_HostDeviceAndHostCdrom_Listed()
    {
        var vm = Vm(new() { ["scsi0"] = "/dev/sdb", ["ide2"] = "cdrom,media=cdrom", ["scsi1"] = "local:100/vm-100-disk-0.qcow2" });
        Assert.Equal(["ide2", "scsi0"], MigrationVolumes.LocalResources(vm));
        Assert.Single(MigrationVolumes.Of(vm));
    }

    [Fact]
    public void Remap_MappedStorage_RenamesEverywhereAndKeepsTheRest()
    {
        var from = new VolumeId("local", "100/vm-100-disk-0.qcow2");
        var to = new VolumeId("bulk", "100/vm-100-disk-0.qcow2");
        var vm = Vm(
            new() { ["scsi0"] = "local:100/vm-100-disk-0.qcow2,size=4G,cache=none", ["unused0"] = "local:100/vm-100-disk-0.qcow2", ["scsi1"] = "local:100/vm-100-disk-1.qcow2,size=1G" },
            new() { ["s1"] = new SnapshotDocument { Name = "s1", Config = new Dictionary<string, string> { ["scsi0"] = "file=local:100/vm-100-disk-0.qcow2,size=4G" } } });

        var remapped = MigrationVolumes.Remap(vm, new Dictionary<VolumeId, VolumeId> { [from] = to });

        Assert.Equal("bulk:100/vm-100-disk-0.qcow2,size=4G,cache=none", remapped.Config["scsi0"]);
        Assert.Equal("bulk:100/vm-100-disk-0.qcow2", remapped.Config["unused0"]);
        Assert.Equal("local:100/vm-100-disk-1.qcow2,size=1G", remapped.Config["scsi1"]);
        Assert.Equal("file=bulk:100/vm-100-disk-0.qcow2,size=4G", remapped.Snapshots["s1"].Config["scsi0"]);
    }
}
