namespace Cordouan.Core.Storage;

/// <summary>
/// Optional part of an <see cref="IStoragePlugin"/> whose volumes are RBD images: QEMU opens them with its own rbd
/// driver, so a drive gets an <see cref="RbdLocation"/> instead of a host path.
/// </summary>
public interface IRbdVolumeSource
{
    /// <summary>The image behind <paramref name="volume"/>, after making sure this node's client files (conf, keyring) exist.</summary>
    Task<RbdLocation> LocateAsync(StorageDefinition storage, string volume, CancellationToken cancellationToken);
}
