using Cordouan.Core.Ids;
using Cordouan.Node.Config;

namespace Cordouan.Node.Vms.Migration;

/// <summary>Which volumes and host resources a VM uses, read from its config and its snapshots' configs (pure).</summary>
public static class MigrationVolumes
{
    /// <summary>Config keys whose value is a volume without being a disk key.</summary>
    private static readonly string[] VolumeKeys = ["efidisk0", "tpmstate0"];

    /// <summary>Every distinct volume, current config first, in key order.</summary>
    public static IReadOnlyList<VolumeReference> Of(VmDocument vm)
    {
        var found = new Dictionary<VolumeId, VolumeReference>();
        Collect(vm.Config, inSnapshot: false, found);
        foreach (var snapshot in vm.Snapshots.Values.OrderBy(s => s.Name, StringComparer.Ordinal))
        {
            Collect(snapshot.Config, inSnapshot: true, found);
        }
        return [.. found.Values];
    }

    /// <summary>
    /// Disks that are not storage volumes (a host device path, the host's CD drive): they cannot move with the VM, as
    /// Proxmox's <c>local_resources</c>.
    /// </summary>
    public static IReadOnlyList<string> LocalResources(VmDocument vm) =>
        [.. vm.Config
            .Where(c => DiskConfig.IsDiskKey(c.Key))
            .Select(c => DiskConfig.Parse(c.Key, c.Value))
            .Where(d => d.File == "cdrom" || d.File.StartsWith('/'))
            .Select(d => d.Key)
            .Order(StringComparer.Ordinal)];

    /// <summary>The document with volume references renamed (config and snapshots); other text is kept as written.</summary>
    public static VmDocument Remap(VmDocument vm, IReadOnlyDictionary<VolumeId, VolumeId> renames)
    {
        if (renames.Count == 0)
        {
            return vm;
        }
        return vm with
        {
            Config = Remap(vm.Config, renames),
            Snapshots = vm.Snapshots.ToDictionary(s => s.Key, s => s.Value with { Config = Remap(s.Value.Config, renames) }, StringComparer.Ordinal),
        };
    }

    private static Dictionary<string, string> Remap(IReadOnlyDictionary<string, string> config, IReadOnlyDictionary<VolumeId, VolumeId> renames)
    {
        var result = new Dictionary<string, string>(config, StringComparer.Ordinal);
        foreach (var (key, value) in config)
        {
            if (!DiskConfig.IsDiskKey(key) && !key.StartsWith("unused", StringComparison.Ordinal) && !VolumeKeys.Contains(key))
            {
                continue;
            }
            var parts = value.Split(',');
            for (var i = 0; i < parts.Length; i++)
            {
                var text = parts[i].StartsWith("file=", StringComparison.Ordinal) ? parts[i]["file=".Length..] : parts[i];
                if (VolumeId.TryParse(text, out var volume) && renames.TryGetValue(volume, out var renamed))
                {
                    parts[i] = parts[i][..^text.Length] + renamed;
                }
            }
            result[key] = string.Join(',', parts);
        }
        return result;
    }

    private static void Collect(IReadOnlyDictionary<string, string> config, bool inSnapshot, Dictionary<VolumeId, VolumeReference> found)
    {
        foreach (var (key, value) in config.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            if (Reference(key, value, inSnapshot) is not { } reference)
            {
                continue;
            }
            if (!found.TryGetValue(reference.Volume, out var seen))
            {
                found[reference.Volume] = reference;
            }
            else if (seen.IsUnused && !reference.IsUnused && !inSnapshot)
            {
                // Attached as well as listed unused: it is attached.
                found[reference.Volume] = reference;
            }
        }
    }

    private static VolumeReference? Reference(string key, string value, bool inSnapshot)
    {
        string? file;
        var cdrom = false;
        var unused = false;
        if (DiskConfig.IsDiskKey(key))
        {
            var disk = DiskConfig.Parse(key, value);
            file = disk.File;
            cdrom = disk.IsCdrom;
        }
        else if (key.StartsWith("unused", StringComparison.Ordinal))
        {
            file = value;
            unused = true;
        }
        else if (VolumeKeys.Contains(key))
        {
            file = PropertyString.Parse(value, "file").FirstOrDefault(p => p.Key == "file").Value;
        }
        else
        {
            return null;
        }
        return VolumeId.TryParse(file, out var volume) && !file!.StartsWith('/')
            ? new VolumeReference(volume, key, cdrom, unused, inSnapshot)
            : null;
    }
}
