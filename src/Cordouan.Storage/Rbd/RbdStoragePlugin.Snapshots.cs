using Cordouan.Core.Errors;
using Cordouan.Core.Storage;
using Cordouan.Storage.Rbd.Json;

namespace Cordouan.Storage.Rbd;

public sealed partial class RbdStoragePlugin
{
    public async Task SnapshotAsync(StorageDefinition storage, string volume, string snapshot, CancellationToken cancellationToken)
    {
        var (client, image, snapshots) = await SnapshotTargetAsync(storage, volume, snapshot, "snapshot", cancellationToken);
        if (snapshots.Any(s => s.Name == snapshot))
        {
            throw new AlreadyExistsException($"snapshot '{snapshot}' already exists on volume '{storage.Id}:{volume}'");
        }
        try
        {
            await rbd.SnapshotAsync(client, "create", Pool(storage), image, snapshot, cancellationToken);
        }
        catch (ExternalCommandException e) when (e.ExitCode == RbdCommands.Errno.Exists)
        {
            throw new AlreadyExistsException($"snapshot '{snapshot}' already exists on volume '{storage.Id}:{volume}'");
        }
        catch (ExternalCommandException e)
        {
            throw Failed($"snapshot volume '{storage.Id}:{volume}'", e);
        }
        Log.SnapshotChanged(logger, storage.Id, volume, snapshot, "created");
    }

    /// <summary>Rolls the image back; librbd refuses while a running QEMU holds the image's lock (callers stop the VM first).</summary>
    public async Task RollbackAsync(StorageDefinition storage, string volume, string snapshot, CancellationToken cancellationToken)
    {
        var (client, image, snapshots) = await SnapshotTargetAsync(storage, volume, snapshot, "roll back", cancellationToken);
        RequireSnapshotExists(snapshots, snapshot);
        await RunAsync($"roll back volume '{storage.Id}:{volume}'", () => rbd.SnapshotAsync(client, "rollback", Pool(storage), image, snapshot, cancellationToken));
        Log.SnapshotChanged(logger, storage.Id, volume, snapshot, "rolled back to");
    }

    public async Task DeleteSnapshotAsync(StorageDefinition storage, string volume, string snapshot, CancellationToken cancellationToken)
    {
        var (client, image, snapshots) = await SnapshotTargetAsync(storage, volume, snapshot, "delete snapshot of", cancellationToken);
        RequireSnapshotExists(snapshots, snapshot);
        await RunAsync($"delete snapshot of volume '{storage.Id}:{volume}'", () => rbd.SnapshotAsync(client, "rm", Pool(storage), image, snapshot, cancellationToken));
        Log.SnapshotChanged(logger, storage.Id, volume, snapshot, "deleted");
    }

    private async Task<(RbdConnection Client, string Image, IReadOnlyList<RbdSnapshot> Snapshots)> SnapshotTargetAsync(
        StorageDefinition storage, string volume, string snapshot, string verb, CancellationToken cancellationToken)
    {
        RequireSnapshotName(snapshot);
        var image = RbdVolumeNames.Parse(volume).Image;
        var client = await connections.ResolveAsync(storage, cancellationToken);
        var snapshots = await RunAsync($"{verb} volume '{storage.Id}:{volume}'",
            () => rbd.ListSnapshotsAsync(client, Pool(storage), image, cancellationToken), () => NotFound(storage, volume));
        return (client, image, snapshots);
    }

    /// <summary>Snapshot names go into <c>pool/image@snapshot</c> specs; the template snapshot is the storage's own.</summary>
    private static void RequireSnapshotName(string snapshot)
    {
        if (string.IsNullOrWhiteSpace(snapshot) || snapshot.IndexOfAny(['@', '/']) >= 0)
        {
            throw new ValidationException("snapname", $"invalid snapshot name '{snapshot}'");
        }
        if (snapshot == RbdVolumeNames.BaseSnapshot)
        {
            throw new ValidationException("snapname", $"snapshot name '{snapshot}' is reserved for templates");
        }
    }

    private static void RequireSnapshotExists(IReadOnlyList<RbdSnapshot> snapshots, string snapshot)
    {
        if (!snapshots.Any(s => s.Name == snapshot))
        {
            throw new NotFoundException($"snapshot '{snapshot}' does not exist");
        }
    }
}
