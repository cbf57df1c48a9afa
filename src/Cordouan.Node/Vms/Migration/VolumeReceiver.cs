using System.Buffers;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Cordouan.Core.Errors;
using Cordouan.Core.Ids;
using Cordouan.Core.Storage;
using Cordouan.Node.Hosting;
using Cordouan.Node.Storage;
using Cordouan.Platform.Processes;

namespace Cordouan.Node.Vms.Migration;

/// <summary>
/// The target side of <see cref="IVolumeTransfer"/>: writes a VM disk received from a peer into this node's storage
/// under the same volume name, through a temporary file renamed into place without overwriting (a volume appears
/// whole or not at all), and deletes one again when the migration that sent it fails. Only VM disk volumes
/// (<c>&lt;vmid&gt;/vm-…</c>, <c>&lt;vmid&gt;/base-…</c>) of file-backed storages are accepted.
/// </summary>
public sealed partial class VolumeReceiver(StorageRegistry storages, VmRepository vms, NodeIdentity node, ProcessRunner processes)
{
    private const int BufferSize = 1 << 20;

    /// <summary>
    /// Checks the destination (refusing an existing volume with <see cref="AlreadyExistsException"/>) before reading
    /// anything from <paramref name="content"/>, then stores it. <paramref name="expectedLength"/>, when known, must match.
    /// </summary>
    public async Task<ReceivedVolume> ReceiveAsync(VolumeId volume, Stream content, long? expectedLength, CancellationToken cancellationToken)
    {
        var (storage, plugin) = await ResolveAsync(volume, cancellationToken);
        await plugin.ActivateAsync(storage, cancellationToken);
        var path = PathOf(storage, plugin, volume);
        if (File.Exists(path))
        {
            throw Exists(volume);
        }
        var directory = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.migrating-{Guid.NewGuid():N}");
        try
        {
            var received = await WriteAsync(temporary, content, cancellationToken);
            if (expectedLength is { } length && received.Bytes != length)
            {
                throw new CordouanException($"received {received.Bytes} of {length} bytes of volume '{volume}': the sender stopped early");
            }
            try
            {
                File.Move(temporary, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                throw Exists(volume);
            }
            return received;
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>
    /// Creates an empty volume of <paramref name="sizeBytes"/> (virtual size) for a drive mirror of a live migration,
    /// refusing an existing one. QEMU fills it over NBD.
    /// </summary>
    public async Task CreateEmptyAsync(VolumeId volume, long sizeBytes, string format, CancellationToken cancellationToken)
    {
        if (format is not ("raw" or "qcow2"))
        {
            throw new ValidationException("format", $"cannot create a '{format}' volume for a mirror (raw or qcow2)");
        }
        var (storage, plugin) = await ResolveAsync(volume, cancellationToken);
        await plugin.ActivateAsync(storage, cancellationToken);
        var path = PathOf(storage, plugin, volume);
        if (File.Exists(path))
        {
            throw Exists(volume);
        }
        var directory = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.migrating-{Guid.NewGuid():N}");
        try
        {
            await processes.RunCheckedAsync(["qemu-img", "create", "-q", "-f", format, temporary, sizeBytes.ToString(System.Globalization.CultureInfo.InvariantCulture)], cancellationToken);
            try
            {
                File.Move(temporary, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                throw Exists(volume);
            }
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>Deletes a volume a failed migration left here; refuses one that a VM owned by this node uses. Missing is fine.</summary>
    public async Task DeleteAsync(VolumeId volume, CancellationToken cancellationToken)
    {
        var (storage, plugin) = await ResolveAsync(volume, cancellationToken);
        var owner = new VmId(int.Parse(volume.Name[..volume.Name.IndexOf('/', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture));
        if (await vms.FindAsync(owner, cancellationToken) is { } vm && vm.Document.Owner == node.NodeName
            && MigrationVolumes.Of(vm.Document).Any(r => r.Volume.Storage == volume.Storage && r.Volume.Name == volume.Name))
        {
            throw new VmStateException($"volume '{volume}' is in use by VM {owner} on node '{node.NodeName}': not deleting it");
        }
        if (!File.Exists(PathOf(storage, plugin, volume)))
        {
            return;
        }
        try
        {
            await plugin.FreeAsync(storage, volume.Name, cancellationToken);
        }
        catch (NotFoundException)
        {
            // Gone meanwhile: what we wanted.
        }
    }

    private async Task<(StorageDefinition Storage, IStoragePlugin Plugin)> ResolveAsync(VolumeId volume, CancellationToken cancellationToken)
    {
        if (!DiskVolumeName().IsMatch(volume.Name))
        {
            throw new ValidationException("volume", $"'{volume.Name}' is not a VM disk volume name");
        }
        var storage = await storages.GetAsync(volume.Storage, cancellationToken);
        if (!MigrationTargets.IsAvailableOn(storage, node.NodeName))
        {
            throw new VmStateException($"storage '{storage.Id}' is not available on node '{node.NodeName}'");
        }
        return (storage, storages.PluginFor(storage));
    }

    /// <summary>The file behind the volume, which must lie inside the storage's directory.</summary>
    private static string PathOf(StorageDefinition storage, IStoragePlugin plugin, VolumeId volume)
    {
        var path = Path.GetFullPath(plugin.PathOf(storage, volume.Name));
        var root = storage.Path is null ? null : Path.TrimEndingDirectorySeparator(Path.GetFullPath(storage.Path)) + "/";
        if (root is null || !path.StartsWith(root, StringComparison.Ordinal))
        {
            throw new VmStateException($"storage '{storage.Id}' does not keep volumes as files: it cannot receive '{volume}'");
        }
        return path;
    }

    private static async Task<ReceivedVolume> WriteAsync(string path, Stream content, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        long total = 0;
        try
        {
            await using var output = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, FileOptions.Asynchronous);
            int n;
            while ((n = await content.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken)) > 0)
            {
                hash.AppendData(buffer, 0, n);
                await output.WriteAsync(buffer.AsMemory(0, n), cancellationToken);
                total += n;
            }
            await output.FlushAsync(cancellationToken);
            // On disk before the rename makes it visible: a crash must not leave a complete-looking, partial volume.
            output.Flush(flushToDisk: true);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        return new ReceivedVolume(total, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    private AlreadyExistsException Exists(VolumeId volume) =>
        new($"volume '{volume}' already exists on node '{node.NodeName}': not overwriting it");

    [GeneratedRegex(@"^[1-9][0-9]{2,8}/(vm|base)-[1-9][0-9]{2,8}-[A-Za-z0-9][A-Za-z0-9._-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex DiskVolumeName();
}
