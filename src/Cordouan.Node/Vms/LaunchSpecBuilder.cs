using Cordouan.Core.Ids;
using Cordouan.Core.Storage;
using Cordouan.Core.Vms;
using Cordouan.Node.Config;
using Cordouan.Node.Storage;

namespace Cordouan.Node.Vms;

/// <summary>Turns a VM document into what the driver needs to start QEMU, resolving every volume to an absolute path or an RBD image.</summary>
public sealed class LaunchSpecBuilder(StorageRegistry storages, NodeOptions options)
{
    public async Task<VmLaunchSpec> BuildAsync(VmDocument vm, CancellationToken cancellationToken)
    {
        var config = vm.Config;
        var drives = new List<DriveSpec>();
        foreach (var (key, value) in config.Where(c => DiskConfig.IsDiskKey(c.Key)).OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            var disk = DiskConfig.Parse(key, value);
            drives.Add(await DriveAsync(disk, cancellationToken));
        }
        var nics = config.Where(c => NetConfig.TryParseKey(c.Key, out _))
            .Select(c => NetConfig.Parse(c.Key, c.Value))
            .OrderBy(n => n.Index)
            .Select(n => new NicSpec(n.Key, n.Index, n.Model, n.MacAddress ?? MacAddresses.Generate(), n.Bridge, n.LinkDown, n.Tag, n.Rate))
            .ToList();
        return new VmLaunchSpec
        {
            VmId = vm.Id,
            Name = vm.Name,
            MemoryMiB = config.TryGetValue("memory", out var memory) ? VmConfigSchema.MemoryMiB(memory) : 512,
            Cores = Int(config, "cores", 1),
            Sockets = Int(config, "sockets", 1),
            CpuModel = config.TryGetValue("cpu", out var cpu) ? CpuModel(cpu) : "qemu64",
            Machine = config.TryGetValue("machine", out var machine) ? machine.Split(',')[0].Replace("type=", "", StringComparison.Ordinal) : "pc",
            Accelerator = config.TryGetValue("kvm", out var kvm) && kvm == "0" ? Accelerator.Tcg : options.Accelerator,
            ScsiController = config.GetValueOrDefault("scsihw") ?? "lsi",
            Drives = drives,
            Nics = nics,
            BootOrder = BootOrder(config),
            SmbiosUuid = SmbiosUuid(config, vm.Id),
            Acpi = !config.TryGetValue("acpi", out var acpi) || acpi != "0",
        };
    }

    /// <summary>How QEMU opens one disk of the config (also the target of a disk move).</summary>
    public async Task<DriveSpec> DriveAsync(DiskConfig disk, CancellationToken cancellationToken)
    {
        var cache = disk.Options.GetValueOrDefault("cache") ?? "none";
        if (disk.File is "none" or "cdrom")
        {
            return new DriveSpec(disk.Key, disk.Bus, disk.Index, null, "raw", IsCdrom: true, Cache: cache, ReadOnly: true);
        }
        if (!VolumeId.TryParse(disk.File, out var volume))
        {
            // An absolute path is accepted as Proxmox does for root.
            return new DriveSpec(disk.Key, disk.Bus, disk.Index, disk.File, disk.Options.GetValueOrDefault("format") ?? "raw", disk.IsCdrom, cache, disk.IsCdrom);
        }
        var storage = await storages.GetAsync(volume.Storage, cancellationToken);
        var plugin = storages.PluginFor(storage);
        var drive = new DriveSpec(
            disk.Key, disk.Bus, disk.Index, null, disk.Options.GetValueOrDefault("format") ?? QemuFormat(volume.Format),
            disk.IsCdrom, cache, disk.IsCdrom || disk.Options.GetValueOrDefault("ro") == "1", disk.Options.GetValueOrDefault("discard") == "on");
        // An RBD image has no host path: QEMU opens it through librbd.
        return plugin is IRbdVolumeSource rbd
            ? drive with { Rbd = await rbd.LocateAsync(storage, volume.Name, cancellationToken) }
            : drive with { Path = plugin.PathOf(storage, volume.Name) };
    }

    /// <summary>
    /// QEMU's block driver for a volume's format: an ISO image is a plain byte stream to QEMU (Proxmox opens it as raw);
    /// "iso" is only the storage's content naming, and QEMU has no driver of that name.
    /// </summary>
    private static string QemuFormat(string volumeFormat) => volumeFormat == "iso" ? "raw" : volumeFormat;

    private static int Int(IReadOnlyDictionary<string, string> config, string key, int fallback) =>
        config.TryGetValue(key, out var v) && int.TryParse(v, out var n) ? n : fallback;

    private static string CpuModel(string cpu)
    {
        var first = cpu.Split(',')[0];
        return first.StartsWith("cputype=", StringComparison.Ordinal) ? first["cputype=".Length..] : first;
    }

    private static List<string> BootOrder(IReadOnlyDictionary<string, string> config)
    {
        if (!config.TryGetValue("boot", out var boot))
        {
            return [];
        }
        var order = boot.Split(',').FirstOrDefault(p => p.StartsWith("order=", StringComparison.Ordinal));
        return order is null ? [] : order["order=".Length..].Split(';', StringSplitOptions.RemoveEmptyEntries).ToList();
    }

    private static Guid SmbiosUuid(IReadOnlyDictionary<string, string> config, VmId id)
    {
        if (config.TryGetValue("smbios1", out var smbios))
        {
            foreach (var (k, v) in PropertyString.Parse(smbios, "uuid"))
            {
                if (k == "uuid" && Guid.TryParse(v, out var uuid))
                {
                    return uuid;
                }
            }
        }
        return new Guid(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(id.Value))[..16]);
    }
}
