using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using Cordouan.Core.Errors;
using Cordouan.Core.Ids;
using Cordouan.Node.Config;

namespace Cordouan.Api.Endpoints.Qemu.Permissions;

public sealed partial class VmAccessChecker
{
    public const string AllocateSpace = "Datastore.AllocateSpace";
    public const string Allocate = "Datastore.Allocate";
    public const string Audit = "Datastore.Audit";

    /// <summary>
    /// Proxmox's <c>check_storage_access</c> over the drives and <c>unusedN</c> entries of <paramref name="settings"/>:
    /// Datastore.AllocateSpace on the storage of each new disk (<c>storage:size</c>, the storage defaulting to
    /// <paramref name="defaultStorage"/>), Sys.Console for the host's CD-ROM drive, <see cref="CheckVolumeAccess"/> for each
    /// existing volume attached, and for each <c>import-from</c> VM.Clone on the VM owning the source disk or volume access to
    /// the source (root@pam only for a host path).
    /// </summary>
    public async Task CheckStorageAccessAsync(VmId vmid, IReadOnlyDictionary<string, string> settings, string? defaultStorage, CancellationToken cancellationToken)
    {
        foreach (var (key, value) in settings.Where(s => VmConfigPermissions.IsDrive(s.Key)).OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            var drive = DriveValue.Parse(key, value);
            var isVolume = TryParseVolume(drive.File, out var volume);
            if (drive.File is "none" or "cloudinit" || (isVolume && volume.Name == "cloudinit"))
            {
                // nothing to check (Proxmox neither checks the storage of a new cloud-init drive)
            }
            else if (drive.IsCdrom && drive.File == "cdrom")
            {
                Require("/", "Sys.Console");
            }
            else if (!drive.IsCdrom && NewDisk().Match(drive.File) is { Success: true } newDisk)
            {
                var storage = newDisk.Groups["storage"].Success ? newDisk.Groups["storage"].Value : defaultStorage;
                if (storage is null)
                {
                    throw new ValidationException(key, "no storage ID specified (and no default storage)");
                }
                Require(StoragePath(key, storage), AllocateSpace);
                var definition = await _storage(storage, cancellationToken);
                if (!definition.Content.Contains("images"))
                {
                    throw new ValidationException("storage", $"storage '{storage}' does not support vm images");
                }
            }
            else
            {
                var content = CheckVolumeAccess(vmid, key, drive.File, type: null);
                if (isVolume && content is not null && content.Type is not ("images" or "iso"))
                {
                    throw new ValidationException(key, "content type needs to be 'images' or 'iso'");
                }
            }
            if (drive.ImportFrom is { } source)
            {
                CheckImportSource(vmid, key, source);
            }
        }
        foreach (var (key, value) in settings.Where(s => UnusedKey().IsMatch(s.Key)).OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            if (!TryParseVolume(value, out _))
            {
                throw new ValidationException(key, $"not a valid volid: {value}");
            }
            CheckVolumeAccess(vmid, key, value, "images");
        }
        if (settings.TryGetValue("vmstatestorage", out var stateStorage))
        {
            Require(StoragePath("vmstatestorage", stateStorage), AllocateSpace);
        }
    }

    /// <summary>
    /// Proxmox's <c>PVE::Storage::check_volume_access</c>: a host path is root@pam's only; Datastore.Allocate on the
    /// storage allows any volume; ISOs, container templates and import sources need Datastore.AllocateSpace or
    /// Datastore.Audit on it; the VM's own disks are allowed; another VM's disk needs Datastore.Audit on the storage and
    /// VM.Config.Disk on that VM (its backup: Datastore.AllocateSpace and VM.Backup). Returns what the volume is, when known.
    /// </summary>
    public VolumeContent? CheckVolumeAccess(VmId vmid, string key, string volid, string? type)
    {
        if (!TryParseVolume(volid, out var volume))
        {
            RequireRoot("Only root can pass arbitrary filesystem paths.");
            return null;
        }
        var content = VolumeContent.TryParse(volume, out var parsed) ? parsed : null;
        if (type is not null && content?.Type != type)
        {
            throw new ValidationException(key, $"unable to use volume {volid} - content type needs to be '{type}'");
        }
        var storagePath = StoragePath(key, volume.Storage);
        if (Has(storagePath, Allocate))
        {
            return content;
        }
        switch (content)
        {
            case { Type: "iso" or "vztmpl" or "import" }:
                RequireAny(storagePath, AllocateSpace, Audit);
                break;
            case { Owner: { } owner } when owner == vmid:
                break; // the VM's own volume
            case { Type: "backup", Owner: { } owner }:
                Require(storagePath, AllocateSpace);
                Require(VmPath(owner), "VM.Backup");
                break;
            case { Type: "images", Owner: { } owner }:
                Require(storagePath, Audit);
                Require(VmPath(owner), VmConfigPermissions.Disk);
                break;
            default:
                throw new ForbiddenException($"missing privileges to access {volid}");
        }
        return content;
    }

    /// <summary>
    /// Proxmox's <c>$check_storage_access_clone</c>: Datastore.AllocateSpace, for each disk of the source config, on the
    /// target storage (or, without one, the disk's own storage); Sys.Console for the host's CD-ROM drive.
    /// </summary>
    public void CheckCloneStorage(IReadOnlyDictionary<string, string> sourceConfig, string? targetStorage)
    {
        foreach (var (key, value) in sourceConfig.Where(s => VmConfigPermissions.IsDrive(s.Key)).OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            var drive = DriveValue.Parse(key, value);
            if (drive.File == "none")
            {
                continue;
            }
            if (drive.IsCdrom)
            {
                if (drive.File == "cdrom")
                {
                    Require("/", "Sys.Console");
                }
                continue;
            }
            var storage = targetStorage ?? (TryParseVolume(drive.File, out var volume) ? volume.Storage : null);
            if (storage is not null)
            {
                Require(StoragePath("storage", storage), AllocateSpace);
            }
        }
        if (sourceConfig.TryGetValue("vmstatestorage", out var stateStorage))
        {
            Require(StoragePath("vmstatestorage", stateStorage), AllocateSpace);
        }
    }

    /// <summary>Datastore.AllocateSpace on one storage (move_disk target, resize, clone/create <c>storage</c>).</summary>
    public void RequireAllocateSpace(string parameter, string storage) => Require(StoragePath(parameter, storage), AllocateSpace);

    private void CheckImportSource(VmId vmid, string key, string source)
    {
        if (!TryParseVolume(source, out var volume))
        {
            CheckVolumeAccess(vmid, key, source, type: null); // a host path: root@pam only
            return;
        }
        if (!VolumeContent.TryParse(volume, out var content) || content.Type is not ("images" or "import"))
        {
            throw new ValidationException(key, $"{source} has wrong type '{content?.Type ?? "unknown"}' - needs to be 'images' or 'import'");
        }
        if (content.Type == "import" && volume.Format.Equals("ova", StringComparison.OrdinalIgnoreCase))
        {
            Require(StoragePath(key, volume.Storage), AllocateSpace); // extracted on its own storage
        }
        if (content.Owner is { } owner)
        {
            Require(VmPath(owner), "VM.Clone"); // might be in use by that VM: it is copied as a clone would
        }
        else
        {
            CheckVolumeAccess(vmid, key, source, type: null);
        }
    }

    /// <summary>Proxmox's <c>parse_volume_id</c>: <c>&lt;storage-id&gt;:&lt;name&gt;</c> with a valid storage id; anything else is a path.</summary>
    public static bool TryParseVolume(string? text, out VolumeId volume)
    {
        volume = default;
        var m = text is null ? Match.Empty : VolumeIdPattern().Match(text);
        if (!m.Success)
        {
            return false;
        }
        volume = new VolumeId(m.Groups[1].Value, m.Groups[2].Value);
        return true;
    }

    private static string StoragePath(string parameter, string storage) =>
        StorageId().IsMatch(storage) ? $"/storage/{storage}" : throw new ValidationException(parameter, $"invalid format - storage ID '{storage}' contains illegal characters");

    [GeneratedRegex(@"^(?:(?<storage>[^/:\s]+):)?[0-9]+(\.[0-9]+)?$")]
    private static partial Regex NewDisk();

    [GeneratedRegex(@"^([a-z][a-z0-9\-_.]*[a-z0-9]):(.+)$", RegexOptions.Singleline)]
    private static partial Regex VolumeIdPattern();

    [GeneratedRegex(@"^[a-z][a-z0-9\-_.]*[a-z0-9]$")]
    private static partial Regex StorageId();
}
