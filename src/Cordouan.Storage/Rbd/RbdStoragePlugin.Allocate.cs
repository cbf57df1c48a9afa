using Cordouan.Core.Errors;
using Cordouan.Core.Ids;
using Cordouan.Core.Storage;

namespace Cordouan.Storage.Rbd;

public sealed partial class RbdStoragePlugin
{
    private const int MaxDiskNumber = 99_999;

    public async Task<VolumeInfo> AllocateAsync(StorageDefinition storage, VmId owner, long sizeBytes, string format, CancellationToken cancellationToken)
    {
        RequireRaw(format);
        if (sizeBytes <= 0)
        {
            throw new ValidationException("size", "disk size must be positive");
        }
        var size = RoundUpToKiB(sizeBytes);
        var client = await connections.ResolveAsync(storage, cancellationToken);
        var what = $"allocate disk on storage '{storage.Id}'";
        var volume = await ReserveAsync(storage, client, owner, n => RbdVolume.Disk(owner, n), what,
            v => rbd.CreateAsync(client, Pool(storage), v.Image, size, cancellationToken), cancellationToken);
        Log.VolumeAllocated(logger, storage.Id, volume.Name, size);
        return new VolumeInfo(new VolumeId(storage.Id, volume.Name), "images", "raw", size, 0, owner, time.GetUtcNow(), null);
    }

    /// <summary>
    /// Copies an image file (or a volume of this storage) into a new raw image: the image is created at the source's
    /// virtual size first (that reserves the name), then <c>qemu-img convert -n</c> writes into it through librbd.
    /// </summary>
    public async Task<VolumeInfo> ImportAsync(StorageDefinition storage, VmId owner, string sourcePath, string format, CancellationToken cancellationToken)
    {
        RequireRaw(format);
        var what = $"import '{sourcePath}' to storage '{storage.Id}'";
        var client = await connections.ResolveAsync(storage, cancellationToken);
        string source;
        string sourceFormat;
        long size;
        if (Path.IsPathRooted(sourcePath))
        {
            source = File.Exists(sourcePath) ? sourcePath : throw new NotFoundException($"image '{sourcePath}' does not exist");
            var sourceInfo = await RunAsync(what, () => qemuImg.InfoAsync(source, null, cancellationToken));
            // A probed image could name any host file as its backing file; only self-contained images are imported.
            if (sourceInfo.FullBackingFilename is not null)
            {
                throw new CordouanException($"Failed to {what}: the image has a backing file ('{sourceInfo.FullBackingFilename}')");
            }
            (sourceFormat, size) = (sourceInfo.Format, sourceInfo.VirtualSize);
        }
        else
        {
            var image = RbdVolumeNames.Parse(sourcePath).Image;
            var info = await RunAsync(what, () => rbd.InfoAsync(client, Pool(storage), image, cancellationToken), () => NotFound(storage, sourcePath));
            (source, sourceFormat, size) = (Location(storage, image).ToQemuFilename(), "raw", info.Size);
        }
        var volume = await ReserveAsync(storage, client, owner, n => RbdVolume.Disk(owner, n), what,
            v => rbd.CreateAsync(client, Pool(storage), v.Image, size, cancellationToken), cancellationToken);
        await FillOrRemoveAsync(storage, client, volume, what,
            () => qemuImg.ConvertIntoAsync(source, sourceFormat, Location(storage, volume.Image).ToQemuFilename(), "raw", cancellationToken));
        Log.VolumeImported(logger, storage.Id, volume.Name, sourcePath);
        return await DescribeCreatedAsync(storage, client, volume, what, cancellationToken);
    }

    /// <summary>
    /// Gives <paramref name="owner"/> the lowest disk number not used by any of its vm-/base- images: <paramref name="create"/>
    /// makes the image under that name and fails with EEXIST when another node took it meanwhile (then the next is tried).
    /// Any other failure ends the reservation.
    /// </summary>
    private async Task<RbdVolume> ReserveAsync(
        StorageDefinition storage, RbdConnection client, VmId owner, Func<int, RbdVolume> nameFor, string what,
        Func<RbdVolume, Task> create, CancellationToken cancellationToken, Func<Exception>? notFound = null)
    {
        var gate = _allocationGates.GetOrAdd((storage.Id, owner), _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            var images = await RunAsync(what, () => native.RunAsync(client, c => c.List(Pool(storage)), cancellationToken),
                () => new CordouanException($"Failed to {what}: pool '{Pool(storage)}' does not exist"));
            var used = UsedDiskNumbers(images, owner);
            for (var number = 0; number <= MaxDiskNumber; number++)
            {
                if (used.Contains(number))
                {
                    continue;
                }
                var volume = nameFor(number);
                try
                {
                    await create(volume);
                    return volume;
                }
                catch (CordouanException e) when (ErrnoOf(e) == RbdCommands.Errno.Exists)
                {
                    // Taken by another node between our listing and the create.
                }
                catch (CordouanException e) when (ErrnoOf(e) is { } errno)
                {
                    throw errno == RbdCommands.Errno.NotFound && notFound is not null ? notFound() : Failed(what, e);
                }
            }
            throw new CordouanException($"Failed to {what}: no free disk name for VM {owner}");
        }
        finally
        {
            gate.Release();
        }
    }

    internal static HashSet<int> UsedDiskNumbers(IEnumerable<string> images, VmId owner) =>
        images.Select(i => RbdVolumeNames.TryParseImage(i, null, out var v) && v.Owner == owner ? v.DiskNumber : null)
            .OfType<int>()
            .ToHashSet();

    /// <summary>Writes into an image this operation created; on any failure the image is removed.</summary>
    private async Task FillOrRemoveAsync(StorageDefinition storage, RbdConnection client, RbdVolume volume, string what, Func<Task> fill)
    {
        var done = false;
        try
        {
            await RunAsync(what, fill);
            done = true;
        }
        finally
        {
            if (!done)
            {
                await DiscardAsync(storage, client, volume);
            }
        }
    }

    /// <summary>Removes a partial image; a failure is logged, the original error is what the caller reports.</summary>
    private async Task DiscardAsync(StorageDefinition storage, RbdConnection client, RbdVolume volume)
    {
        try
        {
            await rbd.RemoveAsync(client, Pool(storage), volume.Image, CancellationToken.None);
        }
        catch (ExternalCommandException e) when (e.ExitCode != RbdCommands.Errno.NotFound)
        {
            Log.DiscardFailed(logger, storage.Id, volume.Name, Reason(e));
        }
    }

    /// <summary>Describes an image this operation filled (its usage included).</summary>
    private async Task<VolumeInfo> DescribeCreatedAsync(StorageDefinition storage, RbdConnection client, RbdVolume volume, string what, CancellationToken cancellationToken) =>
        await DescribeWithUsageAsync(storage, client, volume.Image, cancellationToken)
            ?? throw new CordouanException($"Failed to {what}: volume '{storage.Id}:{volume.Name}' vanished right after its creation");

    private static void RequireRaw(string format)
    {
        if (format != "raw")
        {
            throw new ValidationException("format", $"format '{format}' is not supported on rbd storage (raw)");
        }
    }

    /// <summary>Disks are sized in whole KiB, as Proxmox allocates them.</summary>
    private static long RoundUpToKiB(long bytes) => checked((bytes + 1023) / 1024 * 1024);
}
