using Cordouan.Core.Errors;
using Cordouan.Core.Storage;
using Cordouan.Storage.Images;

namespace Cordouan.Storage.Dir;

public sealed partial class DirStoragePlugin
{
    public async Task SnapshotAsync(StorageDefinition storage, string volume, string snapshot, CancellationToken cancellationToken)
    {
        var (path, info) = await SnapshotTargetAsync(storage, volume, snapshot, "snapshot", cancellationToken);
        if (info.HasSnapshot(snapshot))
        {
            throw new AlreadyExistsException($"snapshot '{snapshot}' already exists on volume '{storage.Id}:{volume}'");
        }
        await RunAsync($"snapshot volume '{storage.Id}:{volume}'", () => qemuImg.SnapshotAsync(path, SnapshotAction.Create, snapshot, cancellationToken));
        Log.SnapshotChanged(logger, storage.Id, volume, snapshot, "created");
    }

    public async Task RollbackAsync(StorageDefinition storage, string volume, string snapshot, CancellationToken cancellationToken)
    {
        var (path, info) = await SnapshotTargetAsync(storage, volume, snapshot, "roll back", cancellationToken);
        RequireSnapshotExists(info, snapshot);
        await RunAsync($"roll back volume '{storage.Id}:{volume}'", () => qemuImg.SnapshotAsync(path, SnapshotAction.Apply, snapshot, cancellationToken));
        Log.SnapshotChanged(logger, storage.Id, volume, snapshot, "rolled back to");
    }

    public async Task DeleteSnapshotAsync(StorageDefinition storage, string volume, string snapshot, CancellationToken cancellationToken)
    {
        var (path, info) = await SnapshotTargetAsync(storage, volume, snapshot, "delete snapshot of", cancellationToken);
        RequireSnapshotExists(info, snapshot);
        await RunAsync($"delete snapshot of volume '{storage.Id}:{volume}'", () => qemuImg.SnapshotAsync(path, SnapshotAction.Delete, snapshot, cancellationToken));
        Log.SnapshotChanged(logger, storage.Id, volume, snapshot, "deleted");
    }

    private async Task<(string Path, QemuImgInfo Info)> SnapshotTargetAsync(
        StorageDefinition storage, string volume, string snapshot, string verb, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(snapshot))
        {
            throw new ValidationException("snapname", "snapshot name must not be empty");
        }
        var disk = RequireDisk(volume);
        RequireSnapshotFormat(storage, disk, verb);
        var path = ExistingPath(storage, disk);
        var info = await RunAsync($"{verb} volume '{storage.Id}:{volume}'", () => qemuImg.InfoAsync(path, disk.Format, cancellationToken));
        return (path, info);
    }

    private static void RequireSnapshotFormat(StorageDefinition storage, DirVolume disk, string verb)
    {
        if (disk.Format != "qcow2")
        {
            throw new CordouanException(
                $"Failed to {verb} volume '{storage.Id}:{disk.Name}': snapshots need qcow2, this volume is {disk.Format}");
        }
    }

    private static void RequireSnapshotExists(QemuImgInfo info, string snapshot)
    {
        if (!info.HasSnapshot(snapshot))
        {
            throw new NotFoundException($"snapshot '{snapshot}' does not exist");
        }
    }
}
