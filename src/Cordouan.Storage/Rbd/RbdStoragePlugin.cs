using System.Collections.Concurrent;
using Cordouan.Core.Errors;
using Cordouan.Core.Ids;
using Cordouan.Core.Storage;
using Cordouan.Storage.Images;
using Cordouan.Storage.Rbd.Json;
using Cordouan.Storage.Rbd.Native;
using Microsoft.Extensions.Logging;

namespace Cordouan.Storage.Rbd;

/// <summary>
/// Storage type "rbd": VM disks as RBD images in a Ceph pool, named as Proxmox names them (<c>vm-100-disk-0</c>,
/// <c>base-100-disk-0</c>, linked clone <c>base-100-disk-0/vm-101-disk-0</c>), always raw and always shared.
/// Templates get a protected snapshot <c>__base__</c> that linked clones are copy-on-write clones of. A new image name
/// is reserved by the creating command itself (rbd refuses an existing name), so two nodes never share a name; a
/// failed operation removes the image it created. Listing, describing and cloning go through the daemon's persistent
/// librbd connection (<see cref="RbdClients"/>); the rest through the <c>rbd</c>/<c>ceph</c> CLI.
/// </summary>
public sealed partial class RbdStoragePlugin(RbdCommands rbd, RbdConnections connections, RbdClients native, QemuImg qemuImg, TimeProvider time, ILogger<RbdStoragePlugin> logger)
    : IStoragePlugin, IRbdVolumeSource
{
    public const string TypeName = "rbd";

    private static readonly TimeSpan StatusLifetime = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<(string Id, string Pool, string? MonHost, string? User), (long Timestamp, StorageStatus Status)> _statuses = new();

    /// <summary>One allocation gate per storage and owner: picks of the owner's next disk number never interleave in this process.</summary>
    private readonly ConcurrentDictionary<(string Storage, VmId Owner), SemaphoreSlim> _allocationGates = new();

    public string Type => TypeName;

    public StorageCapabilities Capabilities { get; } =
        new(Shared: true, Snapshots: true, LinkedClones: true, Fencing: true, Formats: ["raw"]);

    /// <summary>Writes the client files and checks that the cluster answers and has the pool.</summary>
    public async Task ActivateAsync(StorageDefinition storage, CancellationToken cancellationToken)
    {
        if (storage.Krbd)
        {
            throw new ValidationException("krbd", "kernel RBD (krbd=1) is not supported yet: QEMU opens the images with librbd (krbd=0)");
        }
        var client = await connections.ResolveAsync(storage, cancellationToken);
        var usage = await RunAsync($"reach the Ceph cluster of storage '{storage.Id}'", () => rbd.PoolUsageAsync(client, cancellationToken));
        if (!usage.Pools.Any(p => p.Name == Pool(storage)))
        {
            throw new ValidationException("pool", $"pool '{Pool(storage)}' does not exist on the Ceph cluster");
        }
    }

    /// <summary>
    /// Pool usage from <c>ceph df</c>; a cluster that does not answer (or a pool that is gone) reads as inactive. Kept
    /// for <see cref="StatusLifetime"/>: clients poll <c>/cluster/resources</c> every few seconds, and each answer costs a ceph process.
    /// </summary>
    public async Task<StorageStatus> StatusAsync(StorageDefinition storage, CancellationToken cancellationToken)
    {
        var key = (storage.Id, Pool(storage), storage.MonHost, storage.Username);
        if (_statuses.TryGetValue(key, out var known) && time.GetElapsedTime(known.Timestamp) < StatusLifetime)
        {
            return known.Status;
        }
        var status = await ReadStatusAsync(storage, cancellationToken);
        _statuses[key] = (time.GetTimestamp(), status);
        return status;
    }

    private async Task<StorageStatus> ReadStatusAsync(StorageDefinition storage, CancellationToken cancellationToken)
    {
        CephDfPool? pool;
        try
        {
            var client = await connections.ResolveAsync(storage, cancellationToken);
            pool = (await rbd.PoolUsageAsync(client, cancellationToken)).Pools.FirstOrDefault(p => p.Name == Pool(storage));
        }
        catch (CordouanException e)
        {
            Log.StatusUnavailable(logger, storage.Id, e.Message);
            return new StorageStatus(Active: false, 0, 0, 0);
        }
        if (pool is null)
        {
            return new StorageStatus(Active: false, 0, 0, 0);
        }
        var used = pool.Stats.Stored;
        var available = pool.Stats.MaxAvail;
        return new StorageStatus(Active: true, used + available, used, available);
    }

    /// <summary>QEMU's <c>rbd:pool/image:conf=…:id=…</c> filename (qemu-img and qemu-io open it; Proxmox reports such a path too).</summary>
    public string PathOf(StorageDefinition storage, string volume) => Location(storage, RbdVolumeNames.Parse(volume).Image).ToQemuFilename();

    public async Task<RbdLocation> LocateAsync(StorageDefinition storage, string volume, CancellationToken cancellationToken)
    {
        var image = RbdVolumeNames.Parse(volume).Image;
        await connections.ResolveAsync(storage, cancellationToken);
        return Location(storage, image);
    }

    public async Task<VolumeInfo> InfoAsync(StorageDefinition storage, string volume, CancellationToken cancellationToken)
    {
        var parsed = RbdVolumeNames.Parse(volume);
        var client = await connections.ResolveAsync(storage, cancellationToken);
        return await DescribeWithUsageAsync(storage, client, parsed.Image, cancellationToken)
            ?? throw NotFound(storage, volume);
    }

    /// <summary>Cordouan's images of the pool (other images are not ours and are skipped), optionally only those of one VM.</summary>
    public async Task<IReadOnlyList<VolumeInfo>> ListAsync(StorageDefinition storage, VmId? owner, CancellationToken cancellationToken)
    {
        if (!storage.Content.Contains("images"))
        {
            return [];
        }
        var client = await connections.ResolveAsync(storage, cancellationToken);
        var what = $"list volumes of storage '{storage.Id}'";
        var images = (await RunAsync(what, () => rbd.ListImagesAsync(client, Pool(storage), cancellationToken)))
            .Where(i => RbdVolumeNames.TryParseImage(i, null, out var v) && (owner is null || v.Owner == owner))
            .ToList();
        if (images.Count == 0)
        {
            return [];
        }
        var usage = await RunAsync(what, () => rbd.DiskUsageAsync(client, Pool(storage), null, cancellationToken));
        var volumes = new ConcurrentBag<VolumeInfo>();
        // One rbd info per image (its parent and creation time); a few at once, as the CLI is mostly waiting on the cluster.
        await Parallel.ForEachAsync(images, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken }, async (image, ct) =>
        {
            // Null: removed while we listed.
            if (await DescribeAsync(storage, client, image, usage.UsedBy(image) ?? 0, ct) is { } volume)
            {
                volumes.Add(volume);
            }
        });
        return volumes.OrderBy(v => v.Id.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>Describes an image with its usage, or null when it does not exist.</summary>
    private async Task<VolumeInfo?> DescribeWithUsageAsync(StorageDefinition storage, RbdConnection client, string image, CancellationToken cancellationToken)
    {
        long used;
        try
        {
            used = (await rbd.DiskUsageAsync(client, Pool(storage), image, cancellationToken)).UsedBy(image) ?? 0;
        }
        catch (ExternalCommandException e) when (e.ExitCode == RbdCommands.Errno.NotFound)
        {
            return null;
        }
        catch (ExternalCommandException e)
        {
            throw Failed($"read volume '{storage.Id}:{image}'", e);
        }
        return await DescribeAsync(storage, client, image, used, cancellationToken);
    }

    /// <summary>Describes an image, or null when it does not exist; the id is canonical (a linked clone's name carries its base).</summary>
    private async Task<VolumeInfo?> DescribeAsync(StorageDefinition storage, RbdConnection client, string image, long used, CancellationToken cancellationToken)
    {
        RbdImageFacts info;
        try
        {
            info = await native.RunAsync(client, c => c.Describe(Pool(storage), image), cancellationToken);
        }
        catch (RbdNativeException e) when (e.Errno == RbdErrno.NotFound)
        {
            return null;
        }
        catch (RbdNativeException e)
        {
            throw Failed($"read volume '{storage.Id}:{image}'", e);
        }
        if (!RbdVolumeNames.TryParseImage(image, BaseImageOf(storage, info), out var volume))
        {
            throw new ValidationException("volume", $"unable to parse rbd volume name '{image}'");
        }
        return new VolumeInfo(
            new VolumeId(storage.Id, volume.Name),
            "images",
            "raw",
            info.Size,
            used,
            volume.Owner,
            info.Created ?? DateTimeOffset.UnixEpoch,
            volume.BaseImage is null ? null : new VolumeId(storage.Id, volume.BaseImage));
    }

    /// <summary>The base image of this storage that an image is a linked clone of, or null (no parent, or one elsewhere).</summary>
    private static string? BaseImageOf(StorageDefinition storage, RbdImageInfo info) =>
        info.Parent is { } parent ? BaseImageOf(storage, parent.Pool, parent.PoolNamespace, parent.Image, parent.Snapshot) : null;

    private static string? BaseImageOf(StorageDefinition storage, RbdImageFacts info) =>
        info.Parent is { } parent ? BaseImageOf(storage, parent.Pool, parent.PoolNamespace, parent.Image, parent.Snapshot) : null;

    private static string? BaseImageOf(StorageDefinition storage, string pool, string poolNamespace, string image, string snapshot) =>
        pool == Pool(storage) && poolNamespace.Length == 0 && snapshot == RbdVolumeNames.BaseSnapshot
            && RbdVolumeNames.TryParseImage(image, null, out var baseVolume) && baseVolume.IsBase
            ? image
            : null;

    private RbdLocation Location(StorageDefinition storage, string image)
    {
        var client = connections.For(storage);
        return new RbdLocation(Pool(storage), image, client.ConfPath, client.User);
    }

    /// <summary>The pool; Proxmox's default is <c>rbd</c>.</summary>
    private static string Pool(StorageDefinition storage) => storage.Pool ?? "rbd";

    private static NotFoundException NotFound(StorageDefinition storage, string volume) => new($"volume '{storage.Id}:{volume}' does not exist");
}
