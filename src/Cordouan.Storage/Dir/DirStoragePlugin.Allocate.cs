using Cordouan.Core.Errors;
using Cordouan.Core.Ids;
using Cordouan.Core.Storage;

namespace Cordouan.Storage.Dir;

public sealed partial class DirStoragePlugin
{
    private const int MaxDiskNumber = 99_999;

    public async Task<VolumeInfo> AllocateAsync(StorageDefinition storage, VmId owner, long sizeBytes, string format, CancellationToken cancellationToken)
    {
        RequireFormat(format);
        if (sizeBytes <= 0)
        {
            throw new ValidationException("size", "disk size must be positive");
        }
        var size = RoundUpToKiB(sizeBytes);
        var what = $"allocate disk on storage '{storage.Id}'";
        if (format == "raw")
        {
            // qemu-img creates raw files sparse and would not notice; qcow2 stays thin, as in Proxmox.
            var status = await StatusAsync(storage, cancellationToken);
            if (size > status.AvailableBytes)
            {
                throw new CordouanException(
                    $"Failed to {what}: not enough space (requested {Sizes.Format(size)}, available {status.AvailableBytes} bytes)");
            }
        }
        var (volume, path) = await ReserveAsync(storage, owner, n => VolumeNames.Disk(owner, n, format), cancellationToken);
        var info = await FillReservedAsync(
            storage, volume, path, what, () => qemuImg.CreateAsync(path, format, size, cancellationToken), cancellationToken);
        Log.VolumeAllocated(logger, storage.Id, volume.Name, size);
        return info;
    }

    public async Task<VolumeInfo> ImportAsync(StorageDefinition storage, VmId owner, string sourcePath, string format, CancellationToken cancellationToken)
    {
        RequireFormat(format);
        var what = $"import '{sourcePath}' to storage '{storage.Id}'";
        string source;
        string sourceFormat;
        if (Path.IsPathRooted(sourcePath))
        {
            source = File.Exists(sourcePath) ? sourcePath : throw new NotFoundException($"image '{sourcePath}' does not exist");
            var sourceInfo = await RunAsync(what, () => qemuImg.InfoAsync(source, null, cancellationToken));
            // A probed image could name any host file as its backing file; only self-contained images are imported.
            if (sourceInfo.FullBackingFilename is not null)
            {
                throw new CordouanException($"Failed to {what}: the image has a backing file ('{sourceInfo.FullBackingFilename}')");
            }
            sourceFormat = sourceInfo.Format;
        }
        else
        {
            var volume = VolumeNames.Parse(sourcePath);
            source = ExistingPath(storage, volume);
            sourceFormat = volume.IsDisk
                ? volume.Format
                : (await RunAsync(what, () => qemuImg.InfoAsync(source, null, cancellationToken))).Format;
        }
        var (target, path) = await ReserveAsync(storage, owner, n => VolumeNames.Disk(owner, n, format), cancellationToken);
        var info = await FillReservedAsync(
            storage, target, path, what,
            () => qemuImg.ConvertAsync(source, sourceFormat, null, path, format, cancellationToken),
            cancellationToken);
        Log.VolumeImported(logger, storage.Id, target.Name, sourcePath);
        return info;
    }

    /// <summary>
    /// Picks the next disk number of <paramref name="owner"/> not used by any vm-/base- file of any format and reserves the
    /// file with an exclusive create; a name taken meanwhile by another node on a shared directory is skipped.
    /// </summary>
    private async Task<(DirVolume Volume, string Path)> ReserveAsync(
        StorageDefinition storage, VmId owner, Func<int, DirVolume> nameFor, CancellationToken cancellationToken)
    {
        var root = Root(storage);
        var directory = Path.Combine(root, "images", owner.ToString());
        var gate = _allocationGates.GetOrAdd(root, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            var used = UsedDiskNumbers(owner, directory);
            for (var number = 0; number <= MaxDiskNumber; number++)
            {
                if (used.Contains(number))
                {
                    continue;
                }
                var volume = nameFor(number);
                var path = Path.Combine(root, volume.RelativePath);
                if (TryCreateExclusive(directory, path))
                {
                    return (volume, path);
                }
            }
            throw new CordouanException($"Failed to allocate disk on storage '{storage.Id}': no free disk name for VM {owner}");
        }
        finally
        {
            gate.Release();
        }
    }

    private static HashSet<int> UsedDiskNumbers(VmId owner, string directory)
    {
        if (!Directory.Exists(directory))
        {
            return [];
        }
        return Directory.EnumerateFiles(directory)
            .Select(f => VolumeNames.TryParseDiskFileName(owner, Path.GetFileName(f), out var v) ? v.DiskNumber : null)
            .OfType<int>()
            .ToHashSet();
    }

    private static bool TryCreateExclusive(string directory, string path)
    {
        for (var attempt = 0; ; attempt++)
        {
            Directory.CreateDirectory(directory, ImageDirectoryMode);
            try
            {
                // 0600 from the start: qemu-img then writes into this file and keeps its mode (it would create 0644).
                using (new FileStream(path, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = ImageMode }))
                {
                    return true;
                }
            }
            catch (DirectoryNotFoundException) when (attempt < 3)
            {
                // The owner's last disk was freed (and its directory removed) between our mkdir and create.
            }
            catch (IOException) when (File.Exists(path))
            {
                return false;
            }
        }
    }

    /// <summary>Writes a reserved file with <paramref name="fill"/> and describes it; on any failure the file is deleted.</summary>
    private async Task<VolumeInfo> FillReservedAsync(
        StorageDefinition storage, DirVolume volume, string path, string what, Func<Task> fill, CancellationToken cancellationToken)
    {
        var done = false;
        try
        {
            await RunAsync(what, fill);
            File.SetUnixFileMode(path, ImageMode);
            var info = await RunAsync(what, () => DescribeAsync(storage, volume, path, cancellationToken));
            done = true;
            return info;
        }
        finally
        {
            if (!done)
            {
                Discard(storage, volume, path);
            }
        }
    }

    private void Discard(StorageDefinition storage, DirVolume volume, string path)
    {
        try
        {
            File.Delete(path);
            RemoveDirectoryIfEmpty(Path.GetDirectoryName(path)!);
        }
        catch (IOException e)
        {
            Log.DiscardFailed(logger, storage.Id, volume.Name, e.Message);
        }
    }

    private static void RemoveDirectoryIfEmpty(string directory)
    {
        if (Directory.Exists(directory) && !Directory.EnumerateFileSystemEntries(directory).Any())
        {
            try
            {
                Directory.Delete(directory);
            }
            catch (IOException)
            {
                // A concurrent allocation put a file in it; keeping it is right.
            }
        }
    }

    private static void RequireFormat(string format)
    {
        if (format is not ("qcow2" or "raw"))
        {
            throw new ValidationException("format", $"format '{format}' is not supported on dir storage (qcow2, raw)");
        }
    }

    /// <summary>Disks are sized in whole KiB, as Proxmox allocates them.</summary>
    private static long RoundUpToKiB(long bytes) => checked((bytes + 1023) / 1024 * 1024);
}
