using Cordouan.Core.Errors;
using Cordouan.Core.Ids;
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
    public void Build_UnresolvedAccelerator_Throws()
    {
        Assert.Throws<ArgumentException>(() => QemuArgvBuilder.Build(Minimal(), Paths, Accelerator.Auto));
    }
}
