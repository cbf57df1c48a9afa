using Cordouan.Core.Ids;
using Cordouan.Core.Storage;

namespace Cordouan.Storage.Dir;

public sealed partial class DirStoragePlugin
{
    public async Task<VolumeInfo> CopyInAsync(StorageDefinition storage, VmId owner, ImageSource source, string format, CancellationToken cancellationToken)
    {
        RequireFormat(format);
        var what = $"copy '{source.QemuFilename}' to storage '{storage.Id}'";
        var (target, path) = await ReserveAsync(storage, owner, n => VolumeNames.Disk(owner, n, format), cancellationToken);
        var info = await FillReservedAsync(
            storage, target, path, what,
            () => qemuImg.ConvertAsync(source.QemuFilename, source.Format, null, path, format, cancellationToken),
            cancellationToken);
        Log.VolumeImported(logger, storage.Id, target.Name, source.QemuFilename);
        return info;
    }
}
