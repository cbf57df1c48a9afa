using Cordouan.Core.Ids;
using Cordouan.Core.Storage;

namespace Cordouan.Storage.Rbd;

public sealed partial class RbdStoragePlugin
{
    public async Task<VolumeInfo> AllocateCloudInitAsync(StorageDefinition storage, VmId owner, string format, CancellationToken cancellationToken)
    {
        RequireRaw(format);
        var image = $"vm-{owner}-cloudinit";
        var client = await connections.ResolveAsync(storage, cancellationToken);
        var what = $"allocate the cloud-init drive of VM {owner} on storage '{storage.Id}'";
        var images = await RunAsync(what, () => rbd.ListImagesAsync(client, Pool(storage), cancellationToken));
        if (!images.Contains(image))
        {
            await RunAsync(what, () => rbd.CreateAsync(client, Pool(storage), image, Sizes.CloudInitDriveBytes, cancellationToken));
            Log.VolumeAllocated(logger, storage.Id, image, Sizes.CloudInitDriveBytes);
        }
        return await InfoAsync(storage, image, cancellationToken);
    }

    public async Task WriteImageAsync(StorageDefinition storage, string volume, ImageSource source, CancellationToken cancellationToken)
    {
        var image = RbdVolumeNames.Parse(volume).Image;
        await connections.ResolveAsync(storage, cancellationToken);
        await RunAsync($"write '{source.QemuFilename}' into '{storage.Id}:{volume}'",
            () => qemuImg.OverwriteAsync(source.QemuFilename, source.Format, Location(storage, image).ToQemuFilename(), "raw", cancellationToken));
    }
}
