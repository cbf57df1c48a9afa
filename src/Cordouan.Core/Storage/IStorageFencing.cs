namespace Cordouan.Core.Storage;

/// <summary>
/// Optional part of an <see cref="IStoragePlugin"/> whose clients the storage itself can cut off (Ceph's OSD blocklist):
/// once a client is fenced it can never write again, wherever its process runs, so HA may start the VM elsewhere
/// without waiting for a node it cannot reach to kill its copy. Clients are client instances as the storage names
/// them (Ceph: <c>IP:port/nonce</c>); a new process is always a new client.
/// </summary>
public interface IStorageFencing
{
    /// <summary>The clients that have <paramref name="volume"/> open now (Ceph: the image's watchers).</summary>
    Task<IReadOnlyList<string>> ClientsAsync(StorageDefinition storage, string volume, CancellationToken cancellationToken);

    /// <summary>Cuts <paramref name="clients"/> off for <paramref name="duration"/>; returns once the storage has committed it.</summary>
    Task FenceAsync(StorageDefinition storage, IReadOnlyCollection<string> clients, TimeSpan duration, CancellationToken cancellationToken);

    /// <summary>The clients currently cut off.</summary>
    Task<IReadOnlySet<string>> FencedAsync(StorageDefinition storage, CancellationToken cancellationToken);
}
