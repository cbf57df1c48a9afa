using Cordouan.Core.Errors;
using Cordouan.Core.Ids;
using Cordouan.Core.Storage;
using Cordouan.Core.Vms;
using Cordouan.Qemu.CommandLine;
using Xunit;

namespace Cordouan.Qemu.Tests.CommandLine;

public sealed class QemuArgvBuilderTests
{
    private static readonly QemuRunPaths Paths = QemuRunPaths.For("/run/cordouan/qemu", new VmId(100));

    private static VmLaunchSpec Minimal() => new()
    {
        VmId = new VmId(100),
        Name = "web1",
        MemoryMiB = 256,
        SmbiosUuid = Guid.Parse("6f1c1b5e-4e7a-4a8e-9f3c-2d1e0b9a8c7d"),
        Drives = [new DriveSpec("virtio0", DiskBus.Virtio, 0, "/var/lib/cordouan/images/100/vm-100-disk-0.qcow2", "qcow2")],
    };

    [Fact]
    public void Build_IncomingMigration_WaitsForDeferredStreamAndStaysPaused()
    {
        var argv = QemuArgvBuilder.Build(Minimal() with { Incoming = true, StartPaused = true }, Paths, Accelerator.Tcg);

        var at = argv.ToList().IndexOf("-incoming");
        Assert.True(at >= 0, "an incoming VM waits for the migration stream");
        Assert.Equal("defer", argv[at + 1]);
        Assert.Contains("-S", argv);
        Assert.DoesNotContain("-incoming", QemuArgvBuilder.Build(Minimal(), Paths, Accelerator.Tcg));
    }

    [Fact]
    public void Build_VirtioDiskUnderTcg_MatchesGolden()
    {
        GoldenFile.AssertMatches("virtio-tcg", QemuArgvBuilder.Build(Minimal(), Paths, Accelerator.Tcg));
    }

    [Fact]
    public void Build_LsiScsiCdromIdeAndBridgedNic_MatchesGolden()
    {
        var spec = Minimal() with
        {
            Sockets = 2,
            Cores = 2,
            CpuModel = "kvm64",
            Drives =
            [
                new DriveSpec("scsi0", DiskBus.Scsi, 0, "/dev/rbd0", "raw", Cache: "writeback", Discard: true),
                new DriveSpec("scsi8", DiskBus.Scsi, 8, "/srv/images/data,1.qcow2", "qcow2", Cache: "writethrough"),
                new DriveSpec("ide2", DiskBus.Ide, 2, "/srv/iso/debian.iso", "raw", IsCdrom: true),
                new DriveSpec("ide0", DiskBus.Ide, 0, null, "raw", IsCdrom: true),
            ],
            Nics = [new NicSpec("net0", 0, "virtio", "BC:24:11:00:00:01", "vmbr0", LinkDown: false)],
            BootOrder = ["ide2", "scsi0", "net0"],
        };
        GoldenFile.AssertMatches("lsi-ide-bridge-kvm", QemuArgvBuilder.Build(spec, Paths, Accelerator.Kvm));
    }

    [Fact]
    public void Build_Q35SataVirtioScsiSingleUserNicNoAcpi_MatchesGolden()
    {
        var spec = Minimal() with
        {
            Machine = "pc-q35-7.2",
            Acpi = false,
            ScsiController = "virtio-scsi-single",
            Drives =
            [
                new DriveSpec("sata1", DiskBus.Sata, 1, "/srv/a.raw", "raw", Cache: "unsafe"),
                new DriveSpec("scsi1", DiskBus.Scsi, 1, "/srv/b.qcow2", "qcow2", ReadOnly: true),
                new DriveSpec("ide3", DiskBus.Ide, 3, "/srv/c.qcow2", "qcow2", Cache: "directsync"),
            ],
            Nics =
            [
                new NicSpec("net1", 1, "e1000", "bc:24:11:00:00:02", null, LinkDown: true),
                new NicSpec("net0", 0, "virtio", "bc:24:11:00:00:01", null, LinkDown: false),
            ],
            StartPaused = true,
        };
        GoldenFile.AssertMatches("q35-sata-virtioscsi-user", QemuArgvBuilder.Build(spec, Paths, Accelerator.Tcg));
    }

    [Fact]
    public void Build_NoBootOrder_BootsFirstDiskNotCdrom()
    {
        var spec = Minimal() with
        {
            Drives =
            [
                new DriveSpec("ide2", DiskBus.Ide, 2, "/srv/iso/x.iso", "raw", IsCdrom: true),
                new DriveSpec("virtio1", DiskBus.Virtio, 1, "/srv/b.qcow2", "qcow2"),
                new DriveSpec("virtio0", DiskBus.Virtio, 0, "/srv/a.qcow2", "qcow2"),
            ],
        };

        var argv = QemuArgvBuilder.Build(spec, Paths, Accelerator.Tcg);

        var booting = Assert.Single(argv, a => a.Contains("bootindex=", StringComparison.Ordinal));
        Assert.EndsWith("id=virtio0,bootindex=100", booting, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_InvalidSpec_ReportsEveryField()
    {
        var spec = Minimal() with
        {
            MemoryMiB = 0,
            ScsiController = "buslogic",
            Drives =
            [
                new DriveSpec("scsi0", DiskBus.Scsi, 0, "relative.qcow2", "qcow2"),
                new DriveSpec("virtio0", DiskBus.Virtio, 0, "/a.qcow2", "qcow2,file.locking=off"),
            ],
            Nics = [new NicSpec("net0", 0, "virtio", "not-a-mac", null, false)],
            BootOrder = ["sata9"],
        };

        var error = Assert.Throws<ValidationException>(() => QemuArgvBuilder.Build(spec, Paths, Accelerator.Tcg));

        Assert.Equal(["boot", "memory", "net0", "scsi0", "scsihw", "virtio0"], error.Errors.Keys.Order());
    }

    [Fact]
    public void Build_RbdDisksNextToFileDisk_MatchesGolden()
    {
        var spec = Minimal() with
        {
            ScsiController = "virtio-scsi-pci",
            Drives =
            [
                new DriveSpec("scsi0", DiskBus.Scsi, 0, null, "raw", Discard: true, Rbd: new RbdLocation("vms", "vm-100-disk-0", "/var/lib/cordouan/ceph/ceph.conf", "admin")),
                new DriveSpec("scsi1", DiskBus.Scsi, 1, null, "raw", Cache: "writeback", ReadOnly: true,
                    Rbd: new RbdLocation("ext,pool", "base-9-disk-0", "/var/lib/cordouan/storage/rbd/ext.conf", "cordouan")),
                new DriveSpec("virtio0", DiskBus.Virtio, 0, "/srv/images/local.qcow2", "qcow2"),
            ],
            BootOrder = ["scsi0"],
        };
        GoldenFile.AssertMatches("rbd-virtioscsi-tcg", QemuArgvBuilder.Build(spec, Paths, Accelerator.Tcg));
    }

    [Fact]
    public void Build_RbdDrive_OpensImageWithLibrbdAndNoHostPath()
    {
        var spec = Minimal() with
        {
            Drives = [new DriveSpec("virtio0", DiskBus.Virtio, 0, null, "raw", Rbd: new RbdLocation("vms", "vm-100-disk-0", "/etc/ceph/ceph.conf", "admin"))],
        };

        var argv = QemuArgvBuilder.Build(spec, Paths, Accelerator.Tcg);

        Assert.Contains("driver=rbd,node-name=file-virtio0,pool=vms,image=vm-100-disk-0,conf=/etc/ceph/ceph.conf,user=admin,cache.direct=on,cache.no-flush=off", argv);
        Assert.Contains("driver=raw,node-name=drive-virtio0,file=file-virtio0,cache.direct=on,cache.no-flush=off", argv);
        Assert.DoesNotContain(argv, a => a.Contains("filename=", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_InvalidRbdDrives_ReportsEach()
    {
        var rbd = new RbdLocation("vms", "vm-100-disk-0", "/etc/ceph/ceph.conf", "admin");
        var spec = Minimal() with
        {
            Drives =
            [
                new DriveSpec("virtio0", DiskBus.Virtio, 0, null, "qcow2", Rbd: rbd),
                new DriveSpec("virtio1", DiskBus.Virtio, 1, "/a.raw", "raw", Rbd: rbd),
                new DriveSpec("virtio2", DiskBus.Virtio, 2, null, "raw", Rbd: rbd with { ConfPath = "ceph.conf" }),
                new DriveSpec("virtio3", DiskBus.Virtio, 3, null, "raw", Rbd: rbd with { Image = "" }),
                new DriveSpec("virtio4", DiskBus.Virtio, 4, null, "raw"),
            ],
        };

        var error = Assert.Throws<ValidationException>(() => QemuArgvBuilder.Build(spec, Paths, Accelerator.Tcg));

        Assert.Equal("an RBD image is opened as raw, not 'qcow2'", error.Errors["virtio0"]);
        Assert.Equal("a drive is either a path or an RBD image, not both", error.Errors["virtio1"]);
        Assert.Equal("Ceph config path 'ceph.conf' must be absolute", error.Errors["virtio2"]);
        Assert.Equal("an RBD image needs a pool, an image and a user", error.Errors["virtio3"]);
        Assert.Equal("a disk needs a path or an RBD image (only a CD-ROM may be empty)", error.Errors["virtio4"]);
    }

    [Fact]
    public void Build_UnresolvedAccelerator_Throws()
    {
        Assert.Throws<ArgumentException>(() => QemuArgvBuilder.Build(Minimal(), Paths, Accelerator.Auto));
    }
}
