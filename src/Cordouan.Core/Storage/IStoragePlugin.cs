using Cordouan.Core.Ids;

namespace Cordouan.Core.Storage;

/// <summary>
/// One storage type (keyed DI registration by <see cref="Type"/>: "dir", "rbd").
/// Volume names are the part of a volume id after "storage:" (dir: <c>100/vm-100-disk-0.qcow2</c>).
/// Every method either completes or leaves no partial volume behind (it cleans up what it created before throwing).
/// A missing volume throws <see cref="Errors.NotFoundException"/>; a full storage throws <see cref="Errors.CordouanException"/> naming the storage.
/// </summary>
public interface IStoragePlugin
{
    string Type { get; }

    StorageCapabilities Capabilities { get; }

    /// <summary>Prepares the storage (creates its directory layout); idempotent.</summary>
    Task ActivateAsync(StorageDefinition storage, CancellationToken cancellationToken);

    Task<StorageStatus> StatusAsync(StorageDefinition storage, CancellationToken cancellationToken);

    /// <summary>Creates a new empty disk for <paramref name="owner"/> with the next free name <c>vm-{owner}-disk-{n}</c>.</summary>
    Task<VolumeInfo> AllocateAsync(StorageDefinition storage, VmId owner, long sizeBytes, string format, CancellationToken cancellationToken);

    /// <summary>Copies an existing image (absolute path or volume) into a new disk of <paramref name="owner"/>.</summary>
    Task<VolumeInfo> ImportAsync(StorageDefinition storage, VmId owner, string sourcePath, string format, CancellationToken cancellationToken);

    /// <summary>
    /// Copies an image of any storage (another one's volume, e.g. for move_disk) into a new disk of <paramref name="owner"/>
    /// in <paramref name="format"/>. Unlike <see cref="ImportAsync"/> the source is trusted: a backing chain is followed and flattened.
    /// </summary>
    Task<VolumeInfo> CopyInAsync(StorageDefinition storage, VmId owner, ImageSource source, string format, CancellationToken cancellationToken);

    /// <summary>
    /// The VM's cloud-init drive <c>vm-{owner}-cloudinit</c> (<see cref="Sizes.CloudInitDriveBytes"/>), created unless it
    /// exists already; its content is written with <see cref="WriteImageAsync"/>.
    /// </summary>
    Task<VolumeInfo> AllocateCloudInitAsync(StorageDefinition storage, VmId owner, string format, CancellationToken cancellationToken);

    /// <summary>Writes <paramref name="source"/> over the start of an existing volume at least as large (a regenerated cloud-init seed).</summary>
    Task WriteImageAsync(StorageDefinition storage, string volume, ImageSource source, CancellationToken cancellationToken);

    /// <summary>Deletes a volume. Refuses a base volume that linked clones still use.</summary>
    Task FreeAsync(StorageDefinition storage, string volume, CancellationToken cancellationToken);

    /// <summary>Grows a stopped VM's volume to <paramref name="sizeBytes"/>.</summary>
    Task ResizeAsync(StorageDefinition storage, string volume, long sizeBytes, CancellationToken cancellationToken);

    Task<VolumeInfo> InfoAsync(StorageDefinition storage, string volume, CancellationToken cancellationToken);

    /// <summary>Absolute path QEMU opens (file path for dir).</summary>
    string PathOf(StorageDefinition storage, string volume);

    /// <summary>Snapshot of a stopped VM's volume.</summary>
    Task SnapshotAsync(StorageDefinition storage, string volume, string snapshot, CancellationToken cancellationToken);

    Task RollbackAsync(StorageDefinition storage, string volume, string snapshot, CancellationToken cancellationToken);

    Task DeleteSnapshotAsync(StorageDefinition storage, string volume, string snapshot, CancellationToken cancellationToken);

    /// <summary>Turns a VM disk into a read-only template base; returns the new volume name (<c>base-{vmid}-disk-{n}</c>).</summary>
    Task<string> CreateBaseAsync(StorageDefinition storage, string volume, CancellationToken cancellationToken);

    /// <summary>Linked clone of a base volume for <paramref name="newOwner"/> (qcow2 backing file / RBD clone).</summary>
    Task<VolumeInfo> CloneLinkedAsync(StorageDefinition storage, string baseVolume, VmId newOwner, CancellationToken cancellationToken);

    /// <summary>Full independent copy of <paramref name="volume"/> (optionally of one of its snapshots) for <paramref name="newOwner"/>.</summary>
    Task<VolumeInfo> CloneFullAsync(StorageDefinition storage, string volume, string? snapshot, VmId newOwner, string format, CancellationToken cancellationToken);

    /// <summary>Lists volumes, optionally only those of one VM.</summary>
    Task<IReadOnlyList<VolumeInfo>> ListAsync(StorageDefinition storage, VmId? owner, CancellationToken cancellationToken);
}
