using Cordouan.Core.Ids;
using Cordouan.Core.Storage;

namespace Cordouan.Storage.Rbd;

public sealed partial class RbdStoragePlugin
{
    /// <summary>Creates the image at the source's size (that reserves the name), then <c>qemu-img convert -n</c> writes into it through librbd.</summary>
    public async Task<VolumeInfo> CopyInAsync(StorageDefinition storage, VmId owner, ImageSource source, string format, CancellationToken cancellationToken)
    {
        RequireRaw(format);
        var what = $"copy '{source.QemuFilename}' to storage '{storage.Id}'";
        var client = await connections.ResolveAsync(storage, cancellationToken);
        var volume = await ReserveAsync(storage, client, owner, n => RbdVolume.Disk(owner, n), what,
            v => rbd.CreateAsync(client, Pool(storage), v.Image, RoundUpToKiB(source.SizeBytes), cancellationToken), cancellationToken);
        await FillOrRemoveAsync(storage, client, volume, what,
            () => qemuImg.ConvertIntoAsync(source.QemuFilename, source.Format, Location(storage, volume.Image).ToQemuFilename(), "raw", cancellationToken));
        Log.VolumeImported(logger, storage.Id, volume.Name, source.QemuFilename);
        return await DescribeCreatedAsync(storage, client, volume, what, cancellationToken);
    }
}
