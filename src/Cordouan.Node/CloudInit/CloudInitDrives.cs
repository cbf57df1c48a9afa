using Cordouan.Core.Ids;
using Cordouan.Core.Storage;
using Cordouan.Node.Config;
using Cordouan.Node.Hosting;
using Cordouan.Node.Storage;

namespace Cordouan.Node.CloudInit;

/// <summary>
/// A VM's cloud-init drive: <c>&lt;storage&gt;:cloudinit</c> in a request becomes the volume <c>vm-ID-cloudinit</c>
/// (a CD-ROM), and its NoCloud seed is written into it as an ISO (genisoimage, label <c>cidata</c>) through the
/// storage, so the same code serves dir (a qcow2 file) and rbd (an RBD image QEMU opens through librbd).
/// </summary>
public sealed class CloudInitDrives(StorageRegistry storages, IIsoImageBuilder iso, NodeIdentity identity)
{
    public const string Label = "cidata";

    /// <summary>True for the request form <c>&lt;storage&gt;:cloudinit</c>.</summary>
    public static bool IsRequest(DiskConfig disk) => VolumeId.TryParse(disk.File, out var volume) && volume.Name == "cloudinit";

    /// <summary>The config's cloud-init drive (its volume is named <c>vm-ID-cloudinit</c>), or null.</summary>
    public static DiskConfig? Find(VmId id, IReadOnlyDictionary<string, string> config) =>
        config.Where(c => DiskConfig.IsDiskKey(c.Key))
            .OrderBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => DiskConfig.Parse(c.Key, c.Value))
            .FirstOrDefault(d => VolumeId.TryParse(d.File, out var v) && v.Name[(v.Name.LastIndexOf('/') + 1)..].StartsWith($"vm-{id}-cloudinit", StringComparison.Ordinal));

    /// <summary>The config values the seed is made of (cloud-init keys, NIC MACs, name), to tell whether it must change.</summary>
    public static IReadOnlyDictionary<string, string> Inputs(IReadOnlyDictionary<string, string> config) =>
        config.Where(c => NoCloudGenerator.IsCloudInitKey(c.Key) || c.Key == "name" || NetConfig.TryParseKey(c.Key, out _))
            .ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal);

    /// <summary>Creates (or reuses) the drive for <paramref name="disk"/> and returns its stored form (CD-ROM, with its size).</summary>
    public async Task<DiskConfig> AllocateAsync(VmId id, DiskConfig disk, CancellationToken cancellationToken)
    {
        var request = Volume(disk);
        var storage = await storages.GetAsync(request.Storage, cancellationToken);
        var plugin = storages.PluginFor(storage);
        var format = disk.Options.GetValueOrDefault("format") ?? storage.Format ?? plugin.Capabilities.Formats[0];
        var created = await plugin.AllocateCloudInitAsync(storage, id, format, cancellationToken);
        return disk.WithFile(created.Id.ToString()).WithOption("format", null).WithOption("media", "cdrom").WithOption("size", Sizes.Format(created.SizeBytes));
    }

    private static VolumeId Volume(DiskConfig disk) =>
        VolumeId.TryParse(disk.File, out var volume) ? volume : throw new Core.Errors.ValidationException(disk.Key, $"unable to parse volume ID '{disk.File}'");

    /// <summary>The seed of this config, with the host's resolver as the fallback for unset DNS keys (as Proxmox does).</summary>
    public static NoCloudSeed Seed(VmId id, IReadOnlyDictionary<string, string> config) =>
        NoCloudGenerator.Generate(id, config, File.Exists("/etc/resolv.conf") ? HostDns.Parse(File.ReadAllText("/etc/resolv.conf")) : HostDns.None);

    /// <summary>Writes the seed of <paramref name="config"/> into the VM's cloud-init drive; false when the VM has none.</summary>
    public async Task<bool> WriteAsync(VmId id, IReadOnlyDictionary<string, string> config, CancellationToken cancellationToken)
    {
        if (Find(id, config) is not { } drive)
        {
            return false;
        }
        var volume = Volume(drive);
        var storage = await storages.GetAsync(volume.Storage, cancellationToken);
        var directory = Path.Combine(identity.DataDirectory, "cloudinit");
        Directory.CreateDirectory(directory);
        var isoPath = Path.Combine(directory, $"{id}-{Guid.NewGuid():N}.iso");
        try
        {
            await iso.BuildAsync(isoPath, Label, Seed(id, config).Files, cancellationToken);
            var size = new FileInfo(isoPath).Length;
            if (size > Sizes.CloudInitDriveBytes)
            {
                throw new Core.Errors.CordouanException($"the cloud-init seed of VM {id} is {size} bytes, more than its {Sizes.Format(Sizes.CloudInitDriveBytes)} drive");
            }
            await storages.PluginFor(storage).WriteImageAsync(storage, volume.Name, new ImageSource(isoPath, "raw", size), cancellationToken);
            return true;
        }
        finally
        {
            File.Delete(isoPath);
        }
    }
}
