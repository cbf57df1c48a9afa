using Cordouan.Core.Storage;
using Cordouan.Core.Vms;

namespace Cordouan.Qemu.CommandLine;

public static partial class QemuArgvBuilder
{
    private static readonly string[] CacheModes = ["none", "writeback", "writethrough", "directsync", "unsafe"];

    /// <summary>Drives in a stable order (bus, then index), independent of the config's key order.</summary>
    private static IEnumerable<DriveSpec> SortedDrives(VmLaunchSpec spec) =>
        spec.Drives.OrderBy(d => d.Bus).ThenBy(d => d.Index);

    private static void ValidateDrive(VmLaunchSpec spec, DriveSpec drive, Dictionary<string, string> errors)
    {
        if (!IdPattern().IsMatch(drive.Id))
        {
            errors[drive.Id] = "drive id must be letters followed by digits";
        }
        else if (!FormatPattern().IsMatch(drive.Format))
        {
            errors[drive.Id] = $"invalid image format '{drive.Format}'";
        }
        else if (drive.Path is null && drive.Rbd is null && !drive.IsCdrom)
        {
            errors[drive.Id] = "a disk needs a path or an RBD image (only a CD-ROM may be empty)";
        }
        else if (drive.Path is not null && drive.Rbd is not null)
        {
            errors[drive.Id] = "a drive is either a path or an RBD image, not both";
        }
        else if (drive.Path is not null && !Path.IsPathFullyQualified(drive.Path))
        {
            errors[drive.Id] = $"path '{drive.Path}' must be absolute";
        }
        else if (drive.Rbd is { } rbd && RbdError(rbd, drive.Format) is { } rbdError)
        {
            errors[drive.Id] = rbdError;
        }
        else if (drive.IsCdrom && drive.Bus is DiskBus.Virtio)
        {
            errors[drive.Id] = "a CD-ROM cannot sit on the virtio bus";
        }
        else if (!CacheModes.Contains(drive.Cache))
        {
            errors[drive.Id] = $"unknown cache mode '{drive.Cache}'";
        }
        else if (drive.Bus is DiskBus.Ide && drive.Index > (IsQ35(spec) ? 5 : 3))
        {
            errors[drive.Id] = "IDE index out of range";
        }
        else if (drive.Bus is DiskBus.Sata && drive.Index > 5)
        {
            errors[drive.Id] = "SATA index out of range (0-5)";
        }
        else if (drive.Index < 0)
        {
            errors[drive.Id] = "index must not be negative";
        }
    }

    private static void AddDrives(VmLaunchSpec spec, Dictionary<string, int> bootIndexes, List<string> args)
    {
        var drives = SortedDrives(spec).ToList();
        AddControllers(spec, drives, args);
        foreach (var drive in drives)
        {
            var readOnly = drive.ReadOnly || drive.IsCdrom;
            var hasMedium = drive.Path is not null || drive.Rbd is not null;
            if (hasMedium)
            {
                var cache = CacheOptions(drive.Cache);
                var common = $"{cache}{(readOnly ? ",read-only=on" : "")}{(drive.Discard ? ",discard=unmap" : "")}";
                args.AddRange(["-blockdev", $"{ProtocolNode(drive)},{common}"]);
                args.AddRange(["-blockdev", $"driver={drive.Format},node-name={NodeName(drive.Id)},file=file-{drive.Id},{common}"]);
            }
            var bus = DeviceBus(spec, drive);
            var device = bus is null ? DeviceModel(drive) : $"{DeviceModel(drive)},{bus}";
            if (hasMedium)
            {
                device += $",drive={NodeName(drive.Id)}";
            }
            device += $",id={drive.Id}";
            if (drive.Cache is "writethrough" or "directsync")
            {
                device += ",write-cache=off";
            }
            if (bootIndexes.TryGetValue(drive.Id, out var bootIndex))
            {
                device += Invariant($",bootindex={bootIndex}");
            }
            args.AddRange(["-device", device]);
        }
    }

    /// <summary>
    /// The bottom block node: a host file or device, or an RBD image opened by QEMU's own librbd driver (the conf names the
    /// monitors and the keyring, so no secret appears on the command line). Its cache options also set librbd's cache.
    /// </summary>
    private static string ProtocolNode(DriveSpec drive)
    {
        if (drive.Rbd is { } rbd)
        {
            return $"driver=rbd,node-name=file-{drive.Id},pool={Escape(rbd.Pool)},image={Escape(rbd.Image)},conf={Escape(rbd.ConfPath)},user={Escape(rbd.User)}";
        }
        var path = drive.Path!;
        var protocol = path.StartsWith("/dev/", StringComparison.Ordinal) ? "host_device" : "file";
        return $"driver={protocol},node-name=file-{drive.Id},filename={Escape(path)}";
    }

    private static string? RbdError(RbdLocation rbd, string format)
    {
        if (format != "raw")
        {
            return $"an RBD image is opened as raw, not '{format}'";
        }
        if (rbd.Pool.Length == 0 || rbd.Image.Length == 0 || rbd.User.Length == 0)
        {
            return "an RBD image needs a pool, an image and a user";
        }
        return Path.IsPathFullyQualified(rbd.ConfPath) ? null : $"Ceph config path '{rbd.ConfPath}' must be absolute";
    }

    /// <summary>The block node a drive's guest device uses; QMP commands (resize, snapshot) address it by this name.</summary>
    public static string NodeName(string driveId) => $"drive-{driveId}";

    private static void AddControllers(VmLaunchSpec spec, List<DriveSpec> drives, List<string> args)
    {
        if (drives.Any(d => d.Bus == DiskBus.Sata))
        {
            args.AddRange(["-device", "ahci,id=ahci0"]);
        }
        var scsi = drives.Where(d => d.Bus == DiskBus.Scsi).ToList();
        if (scsi.Count == 0)
        {
            return;
        }
        var model = ScsiControllerModel(spec.ScsiController)!;
        var controllers = spec.ScsiController == "virtio-scsi-single"
            ? scsi.Select(d => Invariant($"{model},id=virtioscsi{d.Index}"))
            : scsi.Select(d => d.Index / ScsiUnitsPerController(spec)).Distinct().Order().Select(c => Invariant($"{model},id=scsihw{c}"));
        foreach (var controller in controllers)
        {
            args.AddRange(["-device", controller]);
        }
    }

    private static string DeviceModel(DriveSpec drive) => drive.Bus switch
    {
        DiskBus.Virtio => "virtio-blk-pci",
        DiskBus.Scsi => drive.IsCdrom ? "scsi-cd" : "scsi-hd",
        _ => drive.IsCdrom ? "ide-cd" : "ide-hd",
    };

    /// <summary>Where the device plugs in; null lets QEMU pick a PCI slot (the root bus is pci.0 on pc, pcie.0 on q35).</summary>
    private static string? DeviceBus(VmLaunchSpec spec, DriveSpec drive) => drive.Bus switch
    {
        DiskBus.Virtio => null,
        DiskBus.Sata => Invariant($"bus=ahci0.{drive.Index}"),
        DiskBus.Ide when IsQ35(spec) => Invariant($"bus=ide.{drive.Index}"),
        DiskBus.Ide => Invariant($"bus=ide.{drive.Index / 2},unit={drive.Index % 2}"),
        _ when spec.ScsiController == "virtio-scsi-single" => Invariant($"bus=virtioscsi{drive.Index}.0,scsi-id=0"),
        _ => Invariant($"bus=scsihw{drive.Index / ScsiUnitsPerController(spec)}.0,scsi-id={drive.Index % ScsiUnitsPerController(spec)}"),
    };

    /// <summary>Proxmox's scsihw values mapped to QEMU devices; null when unknown.</summary>
    private static string? ScsiControllerModel(string scsiController) => scsiController switch
    {
        "lsi" => "lsi",
        "lsi53c810" => "lsi53c810",
        "megasas" => "megasas",
        "pvscsi" => "pvscsi",
        "virtio-scsi-pci" or "virtio-scsi-single" => "virtio-scsi-pci",
        _ => null,
    };

    /// <summary>LSI controllers take 7 targets; Proxmox then adds another controller.</summary>
    private static int ScsiUnitsPerController(VmLaunchSpec spec) => spec.ScsiController.StartsWith("lsi", StringComparison.Ordinal) ? 7 : 256;

    private static string CacheOptions(string cache) => cache switch
    {
        "none" or "directsync" => "cache.direct=on,cache.no-flush=off",
        "unsafe" => "cache.direct=off,cache.no-flush=on",
        _ => "cache.direct=off,cache.no-flush=off",
    };

    private static bool IsQ35(VmLaunchSpec spec) => spec.Machine.Contains("q35", StringComparison.Ordinal);
}
