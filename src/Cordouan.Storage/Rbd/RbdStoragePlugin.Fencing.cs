using Cordouan.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Cordouan.Storage.Rbd;

/// <summary>
/// Storage fencing for HA: a client is a librados instance (<c>IP:port/nonce</c>, one per QEMU drive), found as a
/// watcher of the image and cut off by Ceph's OSD blocklist. Only that instance is refused: other VMs of the same
/// node, and any later QEMU (a new nonce), are not affected, so nothing needs lifting when the node comes back.
/// </summary>
public sealed partial class RbdStoragePlugin : IStorageFencing
{
    public async Task<IReadOnlyList<string>> ClientsAsync(StorageDefinition storage, string volume, CancellationToken cancellationToken)
    {
        var image = RbdVolumeNames.Parse(volume).Image;
        var client = await connections.ResolveAsync(storage, cancellationToken);
        var status = await RunAsync($"list the clients of {storage.Id}:{volume}", () => rbd.StatusAsync(client, Pool(storage), image, cancellationToken));
        return status.Watchers.Select(w => w.Address).Where(a => a.Length > 0).Distinct(StringComparer.Ordinal).ToList();
    }

    public async Task FenceAsync(StorageDefinition storage, IReadOnlyCollection<string> clients, TimeSpan duration, CancellationToken cancellationToken)
    {
        var client = await connections.ResolveAsync(storage, cancellationToken);
        foreach (var address in clients)
        {
            await RunAsync($"blocklist Ceph client {address} (storage '{storage.Id}')", () => rbd.BlocklistAddAsync(client, address, duration, cancellationToken));
            Log.ClientFenced(logger, address, storage.Id, duration.TotalSeconds);
        }
    }

    public async Task<IReadOnlySet<string>> FencedAsync(StorageDefinition storage, CancellationToken cancellationToken)
    {
        var client = await connections.ResolveAsync(storage, cancellationToken);
        var entries = await RunAsync($"read the Ceph blocklist (storage '{storage.Id}')", () => rbd.BlocklistAsync(client, cancellationToken));
        return entries.Select(e => e.Address).ToHashSet(StringComparer.Ordinal);
    }

    private static partial class Log
    {
        [LoggerMessage(4095, LogLevel.Warning, "Fenced Ceph client {Address} of storage {Storage}: blocklisted for {Seconds} s")]
        public static partial void ClientFenced(ILogger logger, string address, string storage, double seconds);
    }
}
