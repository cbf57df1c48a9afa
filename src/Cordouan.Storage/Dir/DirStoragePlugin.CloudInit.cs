using Cordouan.Core.Ids;
using Cordouan.Core.Storage;

namespace Cordouan.Storage.Dir;

public sealed partial class DirStoragePlugin
{
    public async Task<VolumeInfo> AllocateCloudInitAsync(StorageDefinition storage, VmId owner, string format, CancellationToken cancellationToken)
    {
        RequireFormat(format);
        var name = $"{owner}/vm-{owner}-cloudinit.{format}";
        var path = PathOf(storage, name);
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!, ImageDirectoryMode);
            await RunAsync($"allocate the cloud-init drive of VM {owner} on storage '{storage.Id}'",
                () => qemuImg.CreateAsync(path, format, Sizes.CloudInitDriveBytes, cancellationToken));
            // It will hold the guest's cloud-init data (passwords, keys): root only, like every image.
            File.SetUnixFileMode(path, ImageMode);
            Log.VolumeAllocated(logger, storage.Id, name, Sizes.CloudInitDriveBytes);
        }
        return await InfoAsync(storage, name, cancellationToken);
    }

    public async Task WriteImageAsync(StorageDefinition storage, string volume, ImageSource source, CancellationToken cancellationToken)
    {
        var parsed = VolumeNames.Parse(volume);
        var path = ExistingPath(storage, parsed);
        await RunAsync($"write '{source.QemuFilename}' into '{storage.Id}:{volume}'",
            () => qemuImg.OverwriteAsync(source.QemuFilename, source.Format, path, parsed.Format, cancellationToken));
    }
}
