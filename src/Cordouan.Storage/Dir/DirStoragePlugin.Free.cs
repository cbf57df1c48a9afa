using Cordouan.Core.Errors;
using Cordouan.Core.Storage;

namespace Cordouan.Storage.Dir;

public sealed partial class DirStoragePlugin
{
    public async Task FreeAsync(StorageDefinition storage, string volume, CancellationToken cancellationToken)
    {
        var parsed = VolumeNames.Parse(volume);
        var path = ExistingPath(storage, parsed);
        if (parsed.IsBase)
        {
            var clones = await LinkedClonesOfAsync(storage, path, cancellationToken);
            if (clones.Count > 0)
            {
                throw new CordouanException(
                    $"Failed to free volume '{storage.Id}:{volume}': base volume is still used by linked clones {string.Join(", ", clones)}");
            }
        }
        File.Delete(path);
        if (parsed.IsDisk)
        {
            RemoveDirectoryIfEmpty(Path.GetDirectoryName(path)!);
        }
        Log.VolumeFreed(logger, storage.Id, volume);
    }

    public async Task ResizeAsync(StorageDefinition storage, string volume, long sizeBytes, CancellationToken cancellationToken)
    {
        if (sizeBytes <= 0)
        {
            throw new ValidationException("size", "disk size must be positive");
        }
        var disk = RequireDisk(volume);
        if (disk.IsBase)
        {
            throw new CordouanException($"Failed to resize volume '{storage.Id}:{volume}': base volumes are read-only");
        }
        var path = ExistingPath(storage, disk);
        var what = $"resize volume '{storage.Id}:{volume}'";
        var info = await RunAsync(what, () => qemuImg.InfoAsync(path, disk.Format, cancellationToken));
        var size = RoundUpToKiB(sizeBytes);
        if (size < info.VirtualSize)
        {
            throw new ValidationException("size", "shrinking disks is not supported");
        }
        if (size == info.VirtualSize)
        {
            return;
        }
        await RunAsync(what, () => qemuImg.ResizeAsync(path, disk.Format, size, cancellationToken));
        Log.VolumeResized(logger, storage.Id, volume, info.VirtualSize, size);
    }

    /// <summary>Volume ids of the qcow2 disks whose backing file is <paramref name="basePath"/>.</summary>
    private async Task<List<string>> LinkedClonesOfAsync(StorageDefinition storage, string basePath, CancellationToken cancellationToken)
    {
        var clones = new List<string>();
        foreach (var (vmId, directory) in OwnerDirectories(Root(storage), owner: null))
        {
            foreach (var file in Directory.EnumerateFiles(directory, "*.qcow2"))
            {
                if (file == basePath
                    || !VolumeNames.TryParseDiskFileName(vmId, Path.GetFileName(file), out var disk)
                    || new FileInfo(file).Length == 0)
                {
                    continue;
                }
                var info = await RunAsync($"check linked clones of '{basePath}'", () => qemuImg.InfoAsync(file, disk.Format, cancellationToken));
                if (info.FullBackingFilename is { } backing && Path.GetFullPath(backing) == basePath)
                {
                    var immediateBase = BackingVolume(storage, info) is { IsBase: true } b ? b : null;
                    clones.Add($"{storage.Id}:{(disk with { Base = immediateBase }).Name}");
                }
            }
        }
        return clones;
    }
}
