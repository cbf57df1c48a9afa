using System.Collections.Concurrent;
using Cordouan.Core.Errors;
using Cordouan.Core.Ids;
using Cordouan.Core.Storage;
using Cordouan.Storage.Images;
using Microsoft.Extensions.Logging;

namespace Cordouan.Storage.Dir;

/// <summary>
/// Storage type "dir": image files under a directory, laid out like Proxmox
/// (<c>images/&lt;vmid&gt;/vm-&lt;vmid&gt;-disk-&lt;n&gt;.qcow2</c>, <c>template/iso/</c>, <c>snippets/</c>, <c>import/</c>).
/// Linked clones are qcow2 overlays with an absolute backing file path; snapshots are qcow2 internal snapshots.
/// New disk names are reserved by an exclusive create (O_EXCL) before qemu-img writes them, so concurrent
/// allocations never share a name; a failed operation deletes the file it reserved.
/// </summary>
public sealed partial class DirStoragePlugin(QemuImg qemuImg, ILogger<DirStoragePlugin> logger) : IStoragePlugin
{
    public const string TypeName = "dir";

    private static readonly string[] LayoutDirectories = ["images", "template/iso", "template/cache", "snippets", "import", "dump"];

    private static readonly (string Content, string Directory)[] FileContents =
        [("iso", "template/iso"), ("vztmpl", "template/cache"), ("snippets", "snippets"), ("import", "import")];

    /// <summary>Disk images hold guests' data: root only (qemu-img would create them 0644).</summary>
    private const UnixFileMode ImageMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>A VM's image directory (images/&lt;vmid&gt;): root only.</summary>
    private const UnixFileMode ImageDirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>One allocation gate per storage directory: picks of the next free disk number never interleave in this process.</summary>
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _allocationGates = new(StringComparer.Ordinal);

    public string Type => TypeName;

    public StorageCapabilities Capabilities { get; } =
        new(Shared: false, Snapshots: true, LinkedClones: true, Fencing: false, Formats: ["qcow2", "raw"]);

    public Task ActivateAsync(StorageDefinition storage, CancellationToken cancellationToken)
    {
        var root = Root(storage);
        foreach (var directory in LayoutDirectories)
        {
            Directory.CreateDirectory(Path.Combine(root, directory));
        }
        return Task.CompletedTask;
    }

    public Task<StorageStatus> StatusAsync(StorageDefinition storage, CancellationToken cancellationToken)
    {
        var root = Root(storage);
        if (!Directory.Exists(root))
        {
            return Task.FromResult(new StorageStatus(Active: false, 0, 0, 0));
        }
        // DriveInfo on Linux is statvfs(2) of the given path.
        var drive = new DriveInfo(root);
        var total = drive.TotalSize;
        return Task.FromResult(new StorageStatus(Active: true, total, total - drive.TotalFreeSpace, drive.AvailableFreeSpace));
    }

    public string PathOf(StorageDefinition storage, string volume) =>
        Path.Combine(Root(storage), VolumeNames.Parse(volume).RelativePath);

    public async Task<VolumeInfo> InfoAsync(StorageDefinition storage, string volume, CancellationToken cancellationToken)
    {
        var parsed = VolumeNames.Parse(volume);
        var path = ExistingPath(storage, parsed);
        return await RunAsync($"read volume '{storage.Id}:{volume}'", () => DescribeAsync(storage, parsed, path, cancellationToken));
    }

    public async Task<IReadOnlyList<VolumeInfo>> ListAsync(StorageDefinition storage, VmId? owner, CancellationToken cancellationToken)
    {
        var root = Root(storage);
        var volumes = new List<VolumeInfo>();
        if (storage.Content.Contains("images"))
        {
            foreach (var (vmId, directory) in OwnerDirectories(root, owner))
            {
                foreach (var file in Directory.EnumerateFiles(directory))
                {
                    if (VolumeNames.TryParseDiskFileName(vmId, Path.GetFileName(file), out var disk))
                    {
                        await AddListedAsync(volumes, storage, disk, file, cancellationToken);
                    }
                }
            }
        }
        foreach (var (content, directory) in owner is null ? FileContents : [])
        {
            var path = Path.Combine(root, directory);
            if (!storage.Content.Contains(content) || !Directory.Exists(path))
            {
                continue;
            }
            foreach (var file in Directory.EnumerateFiles(path))
            {
                if (VolumeNames.TryParse($"{content}/{Path.GetFileName(file)}", out var parsed))
                {
                    await AddListedAsync(volumes, storage, parsed, file, cancellationToken);
                }
            }
        }
        volumes.Sort((a, b) => string.CompareOrdinal(a.Id.Name, b.Id.Name));
        return volumes;
    }

    private async Task AddListedAsync(List<VolumeInfo> volumes, StorageDefinition storage, DirVolume volume, string path, CancellationToken cancellationToken)
    {
        try
        {
            // An empty disk file is a name reserved by an allocation still in progress.
            if (volume.IsDisk && new FileInfo(path).Length == 0)
            {
                return;
            }
            volumes.Add(await DescribeAsync(storage, volume, path, cancellationToken));
        }
        catch (FileNotFoundException)
        {
            // Freed while we listed.
        }
        catch (ExternalCommandException e)
        {
            Log.UnreadableVolume(logger, storage.Id, volume.Name, e.StderrTail);
        }
    }

    /// <summary>Describes an existing file; the returned id is canonical (a linked clone's name carries the base it really uses).</summary>
    private async Task<VolumeInfo> DescribeAsync(StorageDefinition storage, DirVolume volume, string path, CancellationToken cancellationToken)
    {
        var created = new DateTimeOffset(File.GetCreationTimeUtc(path));
        if (!volume.IsDisk)
        {
            var length = new FileInfo(path).Length;
            return new VolumeInfo(IdOf(storage, volume), volume.Content, volume.Format, length, length, null, created, null);
        }
        var info = await qemuImg.InfoAsync(path, volume.Format, cancellationToken);
        var backing = BackingVolume(storage, info);
        var canonical = backing is { IsBase: true } ? volume with { Base = backing } : volume with { Base = null };
        return new VolumeInfo(
            IdOf(storage, canonical),
            volume.Content,
            info.Format,
            info.VirtualSize,
            info.ActualSize ?? new FileInfo(path).Length,
            volume.Owner,
            created,
            backing is null ? null : IdOf(storage, backing));
    }

    /// <summary>The volume of this storage that an image's backing file is, or null (no backing file, or one outside the storage).</summary>
    private static DirVolume? BackingVolume(StorageDefinition storage, QemuImgInfo info)
    {
        if (info.FullBackingFilename is not { } backing)
        {
            return null;
        }
        var relative = Path.GetRelativePath(Path.Combine(Root(storage), "images"), Path.GetFullPath(backing));
        return !Path.IsPathRooted(relative) && !relative.StartsWith("..", StringComparison.Ordinal)
            && VolumeNames.TryParse(relative, out var volume) ? volume : null;
    }

    private static List<(VmId VmId, string Directory)> OwnerDirectories(string root, VmId? owner)
    {
        var images = Path.Combine(root, "images");
        if (owner is { } only)
        {
            var directory = Path.Combine(images, only.ToString());
            return Directory.Exists(directory) ? [(only, directory)] : [];
        }
        if (!Directory.Exists(images))
        {
            return [];
        }
        return Directory.EnumerateDirectories(images)
            .Select(d => (Name: Path.GetFileName(d), Path: d))
            .Where(d => VmId.TryParse(d.Name, out var id) && id.ToString() == d.Name)
            .Select(d => (new VmId(int.Parse(d.Name, System.Globalization.CultureInfo.InvariantCulture)), d.Path))
            .ToList();
    }

    /// <summary>The storage directory, absolute and without a trailing slash.</summary>
    private static string Root(StorageDefinition storage)
    {
        if (string.IsNullOrEmpty(storage.Path) || !Path.IsPathRooted(storage.Path))
        {
            throw new ValidationException("path", $"dir storage '{storage.Id}' needs an absolute path");
        }
        return Path.TrimEndingDirectorySeparator(Path.GetFullPath(storage.Path));
    }

    private static string ExistingPath(StorageDefinition storage, DirVolume volume)
    {
        var path = Path.Combine(Root(storage), volume.RelativePath);
        return File.Exists(path)
            ? path
            : throw new NotFoundException($"volume '{storage.Id}:{volume.Name}' does not exist");
    }

    private static VolumeId IdOf(StorageDefinition storage, DirVolume volume) => new(storage.Id, volume.Name);
}
