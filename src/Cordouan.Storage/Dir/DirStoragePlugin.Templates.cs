using Cordouan.Core.Errors;
using Cordouan.Core.Ids;
using Cordouan.Core.Storage;

namespace Cordouan.Storage.Dir;

public sealed partial class DirStoragePlugin
{
    // Read-only, and like every image readable by root only.
    private const UnixFileMode ReadOnlyMode = UnixFileMode.UserRead;

    public async Task<string> CreateBaseAsync(StorageDefinition storage, string volume, CancellationToken cancellationToken)
    {
        var disk = RequireDisk(volume);
        if (disk.IsBase)
        {
            throw new ValidationException("volume", $"volume '{storage.Id}:{volume}' is already a base volume");
        }
        if (disk.DiskNumber is null)
        {
            throw new ValidationException("volume", $"volume '{storage.Id}:{volume}' cannot become a base volume");
        }
        var source = ExistingPath(storage, disk);
        // The returned name must carry the base this disk really uses, whatever form the caller gave.
        var current = await RunAsync($"create base volume from '{storage.Id}:{volume}'", () => DescribeAsync(storage, disk, source, cancellationToken));
        var based = VolumeNames.AsBase(VolumeNames.Parse(current.Id.Name));
        var target = Path.Combine(Root(storage), based.RelativePath);
        try
        {
            File.Move(source, target, overwrite: false);
        }
        catch (IOException) when (File.Exists(target))
        {
            throw new AlreadyExistsException($"Failed to create base volume '{storage.Id}:{based.Name}': it exists already");
        }
        File.SetUnixFileMode(target, ReadOnlyMode);
        Log.BaseCreated(logger, storage.Id, volume, based.Name);
        return based.Name;
    }

    public async Task<VolumeInfo> CloneLinkedAsync(StorageDefinition storage, string baseVolume, VmId newOwner, CancellationToken cancellationToken)
    {
        var parsed = RequireDisk(baseVolume);
        if (!parsed.IsBase)
        {
            throw new ValidationException("volume", $"linked clones need a base volume; '{storage.Id}:{baseVolume}' is not one");
        }
        var basePath = ExistingPath(storage, parsed);
        // A clone's name encodes only its immediate base, as in Proxmox.
        var immediateBase = parsed with { Base = null };
        var (clone, path) = await ReserveAsync(storage, newOwner, n => VolumeNames.LinkedClone(immediateBase, newOwner, n), cancellationToken);
        var info = await FillReservedAsync(
            storage, clone, path, $"create linked clone of '{storage.Id}:{baseVolume}'",
            () => qemuImg.CreateOverlayAsync(path, basePath, parsed.Format, cancellationToken),
            cancellationToken);
        Log.VolumeCloned(logger, storage.Id, baseVolume, clone.Name, "linked");
        return info;
    }

    public async Task<VolumeInfo> CloneFullAsync(
        StorageDefinition storage, string volume, string? snapshot, VmId newOwner, string format, CancellationToken cancellationToken)
    {
        RequireFormat(format);
        var source = RequireDisk(volume);
        var sourcePath = ExistingPath(storage, source);
        var what = $"clone '{storage.Id}:{volume}' to VM {newOwner}";
        if (snapshot is not null)
        {
            RequireSnapshotFormat(storage, source, "clone");
            var sourceInfo = await RunAsync(what, () => qemuImg.InfoAsync(sourcePath, source.Format, cancellationToken));
            RequireSnapshotExists(sourceInfo, snapshot);
        }
        var (copy, path) = await ReserveAsync(storage, newOwner, n => VolumeNames.Disk(newOwner, n, format), cancellationToken);
        var info = await FillReservedAsync(
            storage, copy, path, what,
            () => qemuImg.ConvertAsync(sourcePath, source.Format, snapshot, path, format, cancellationToken),
            cancellationToken);
        Log.VolumeCloned(logger, storage.Id, volume, copy.Name, snapshot is null ? "full" : "full from snapshot " + snapshot);
        return info;
    }

    private static DirVolume RequireDisk(string volume)
    {
        var parsed = VolumeNames.Parse(volume);
        return parsed.IsDisk ? parsed : throw new ValidationException("volume", $"'{volume}' is not a disk image");
    }
}
