using Cordouan.Core.Errors;
using Cordouan.Core.Storage;

namespace Cordouan.Storage.Rbd;

public sealed partial class RbdStoragePlugin
{
    /// <summary>
    /// Removes an image with its snapshots. A protected snapshot (a template's <c>__base__</c>) that still has clones
    /// refuses the removal, naming them; one without clones is unprotected first.
    /// </summary>
    public async Task FreeAsync(StorageDefinition storage, string volume, CancellationToken cancellationToken)
    {
        var parsed = RbdVolumeNames.Parse(volume);
        var client = await connections.ResolveAsync(storage, cancellationToken);
        var pool = Pool(storage);
        var what = $"free volume '{storage.Id}:{volume}'";
        var snapshots = await RunAsync(what, () => rbd.ListSnapshotsAsync(client, pool, parsed.Image, cancellationToken), () => NotFound(storage, volume));
        foreach (var snapshot in snapshots.Where(s => s.IsProtected))
        {
            var children = await RunAsync(what, () => rbd.ChildrenAsync(client, pool, parsed.Image, snapshot.Name, cancellationToken));
            if (children.Count > 0)
            {
                var names = children.Select(c => c.Pool == pool && c.PoolNamespace.Length == 0
                    ? $"{storage.Id}:{parsed.Image}/{c.Image}"
                    : $"{c.Pool}/{c.Image}");
                throw new CordouanException($"Failed to {what}: base volume is still used by linked clones {string.Join(", ", names)}");
            }
            await RunAsync(what, () => rbd.SnapshotAsync(client, "unprotect", pool, parsed.Image, snapshot.Name, cancellationToken));
        }
        if (snapshots.Count > 0)
        {
            await RunAsync(what, () => rbd.PurgeSnapshotsAsync(client, pool, parsed.Image, cancellationToken));
        }
        await RunAsync(what, () => rbd.RemoveAsync(client, pool, parsed.Image, cancellationToken), () => NotFound(storage, volume));
        Log.VolumeFreed(logger, storage.Id, volume);
    }

    public async Task ResizeAsync(StorageDefinition storage, string volume, long sizeBytes, CancellationToken cancellationToken)
    {
        if (sizeBytes <= 0)
        {
            throw new ValidationException("size", "disk size must be positive");
        }
        var parsed = RbdVolumeNames.Parse(volume);
        if (parsed.IsBase)
        {
            throw new CordouanException($"Failed to resize volume '{storage.Id}:{volume}': base volumes are read-only");
        }
        var client = await connections.ResolveAsync(storage, cancellationToken);
        var what = $"resize volume '{storage.Id}:{volume}'";
        var info = await RunAsync(what, () => rbd.InfoAsync(client, Pool(storage), parsed.Image, cancellationToken), () => NotFound(storage, volume));
        var size = RoundUpToKiB(sizeBytes);
        if (size < info.Size)
        {
            throw new ValidationException("size", "shrinking disks is not supported");
        }
        if (size == info.Size)
        {
            return;
        }
        await RunAsync(what, () => rbd.ResizeAsync(client, Pool(storage), parsed.Image, size, cancellationToken));
        Log.VolumeResized(logger, storage.Id, volume, info.Size, size);
    }
}
