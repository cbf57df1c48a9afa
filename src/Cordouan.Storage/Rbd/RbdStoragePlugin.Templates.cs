using Cordouan.Core;
using Cordouan.Core.Errors;
using Cordouan.Core.Ids;
using Cordouan.Core.Storage;

namespace Cordouan.Storage.Rbd;

public sealed partial class RbdStoragePlugin
{
    /// <summary>Renames the image to <c>base-…</c>, then takes and protects the <c>__base__</c> snapshot clones are made of; undone on failure.</summary>
    public async Task<string> CreateBaseAsync(StorageDefinition storage, string volume, CancellationToken cancellationToken)
    {
        var disk = RbdVolumeNames.Parse(volume);
        if (disk.IsBase)
        {
            throw new ValidationException("volume", $"volume '{storage.Id}:{volume}' is already a base volume");
        }
        if (disk.DiskNumber is not { } number)
        {
            throw new ValidationException("volume", $"volume '{storage.Id}:{volume}' cannot become a base volume");
        }
        var client = await connections.ResolveAsync(storage, cancellationToken);
        var pool = Pool(storage);
        var what = $"create base volume from '{storage.Id}:{volume}'";
        // The returned name must carry the base this image really uses, whatever form the caller gave.
        var info = await RunAsync(what, () => rbd.InfoAsync(client, pool, disk.Image, cancellationToken), () => NotFound(storage, volume));
        var based = RbdVolume.Disk(disk.Owner, number, isBase: true, baseImage: BaseImageOf(storage, info));
        await using var reverter = new Reverter();
        try
        {
            await rbd.RenameAsync(client, pool, disk.Image, based.Image, cancellationToken);
        }
        catch (ExternalCommandException e) when (e.ExitCode == RbdCommands.Errno.Exists)
        {
            throw new AlreadyExistsException($"Failed to create base volume '{storage.Id}:{based.Name}': it exists already");
        }
        catch (ExternalCommandException e)
        {
            throw Failed(what, e);
        }
        reverter.Push(() => rbd.RenameAsync(client, pool, based.Image, disk.Image, CancellationToken.None));
        await RunAsync(what, () => rbd.SnapshotAsync(client, "create", pool, based.Image, RbdVolumeNames.BaseSnapshot, cancellationToken));
        reverter.Push(() => rbd.SnapshotAsync(client, "rm", pool, based.Image, RbdVolumeNames.BaseSnapshot, CancellationToken.None));
        await RunAsync(what, () => rbd.SnapshotAsync(client, "protect", pool, based.Image, RbdVolumeNames.BaseSnapshot, cancellationToken));
        reverter.Commit();
        Log.BaseCreated(logger, storage.Id, volume, based.Name);
        return based.Name;
    }

    /// <summary>Copy-on-write clone of the base's <c>__base__</c> snapshot: metadata only, so its time does not grow with the disk.</summary>
    public async Task<VolumeInfo> CloneLinkedAsync(StorageDefinition storage, string baseVolume, VmId newOwner, CancellationToken cancellationToken)
    {
        var parsed = RbdVolumeNames.Parse(baseVolume);
        if (!parsed.IsBase)
        {
            throw new ValidationException("volume", $"linked clones need a base volume; '{storage.Id}:{baseVolume}' is not one");
        }
        var client = await connections.ResolveAsync(storage, cancellationToken);
        var what = $"create linked clone of '{storage.Id}:{baseVolume}'";
        // Three round trips on the persistent librbd connection (the snapshot's size, which the clone inherits; the
        // pool's names; the clone), no process: this is what keeps a linked clone within ~0.2 s.
        var baseInfo = await RunAsync(what, () => native.RunAsync(client, c => c.Describe(Pool(storage), parsed.Image, RbdVolumeNames.BaseSnapshot), cancellationToken),
            () => NotFound(storage, baseVolume));
        // A clone's name encodes only its immediate base, as in Proxmox.
        var clone = await ReserveAsync(storage, client, newOwner, n => RbdVolume.Disk(newOwner, n, baseImage: parsed.Image), what,
            v => native.RunAsync(client, c => c.Clone(Pool(storage), parsed.Image, RbdVolumeNames.BaseSnapshot, v.Image), cancellationToken),
            cancellationToken, () => NotFound(storage, baseVolume));
        Log.VolumeCloned(logger, storage.Id, baseVolume, clone.Name, "linked");
        // A new clone owns no data of its own yet.
        return new VolumeInfo(new VolumeId(storage.Id, clone.Name), "images", "raw", baseInfo.Size, 0, newOwner, time.GetUtcNow(), new VolumeId(storage.Id, parsed.Image));
    }

    /// <summary>
    /// A new image at the source's size (that reserves the name), filled by <c>qemu-img convert -n -W -m 16</c> through
    /// librbd: data only, read through any parent (a linked clone comes out flattened), no snapshot carried over (unlike
    /// <c>rbd deep cp</c>), and faster than <c>rbd cp</c> here (docs/decisions.md).
    /// </summary>
    public async Task<VolumeInfo> CloneFullAsync(
        StorageDefinition storage, string volume, string? snapshot, VmId newOwner, string format, CancellationToken cancellationToken)
    {
        RequireRaw(format);
        var source = RbdVolumeNames.Parse(volume);
        var client = await connections.ResolveAsync(storage, cancellationToken);
        var pool = Pool(storage);
        var what = $"clone '{storage.Id}:{volume}' to VM {newOwner}";
        if (snapshot is not null)
        {
            var snapshots = await RunAsync(what, () => rbd.ListSnapshotsAsync(client, pool, source.Image, cancellationToken), () => NotFound(storage, volume));
            RequireSnapshotExists(snapshots, snapshot);
        }
        var size = (await RunAsync(what, () => native.RunAsync(client, c => c.Describe(pool, source.Image, snapshot), cancellationToken), () => NotFound(storage, volume))).Size;
        var copy = await ReserveAsync(storage, client, newOwner, n => RbdVolume.Disk(newOwner, n), what,
            v => rbd.CreateAsync(client, pool, v.Image, size, cancellationToken), cancellationToken, () => NotFound(storage, volume));
        // QEMU's rbd filename takes the snapshot after '@' (our image and snapshot names never contain one).
        var from = Location(storage, snapshot is null ? source.Image : $"{source.Image}@{snapshot}").ToQemuFilename();
        await FillOrRemoveAsync(storage, client, copy, what,
            () => qemuImg.CopyIntoAsync(from, "raw", Location(storage, copy.Image).ToQemuFilename(), "raw", cancellationToken));
        Log.VolumeCloned(logger, storage.Id, volume, copy.Name, snapshot is null ? "full" : "full from snapshot " + snapshot);
        return await DescribeCreatedAsync(storage, client, copy, what, cancellationToken);
    }
}
