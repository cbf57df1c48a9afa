using Cordouan.Core.Errors;
using Cordouan.Core.Ids;
using Cordouan.Core.Storage;
using Cordouan.Core.Tasks;
using Cordouan.Node.Config;

namespace Cordouan.Node.Vms;

public sealed partial class VmService
{
    /// <summary>Grows a disk: <c>+2G</c> adds, <c>40G</c> sets; shrinking is refused. Online through QEMU when the VM runs.</summary>
    public async Task<Upid> ResizeAsync(VmId id, string diskKey, string sizeText, string? digest, bool skipLock, string user, CancellationToken cancellationToken)
    {
        var vm = await vms.GetOwnedAsync(id, cancellationToken);
        EnsureUnlocked(vm, skipLock);
        if (digest is not null && !string.Equals(digest, vm.Digest, StringComparison.OrdinalIgnoreCase))
        {
            throw new ConfigConflictException();
        }
        if (!DiskConfig.IsDiskKey(diskKey) || !vm.Document.Config.TryGetValue(diskKey, out var value))
        {
            throw new ValidationException("disk", $"disk '{diskKey}' does not exist in VM {id}");
        }
        var relative = sizeText.StartsWith('+');
        if (!Sizes.TryParse(relative ? sizeText[1..] : sizeText, out var requested))
        {
            throw new ValidationException("size", "value does not match the regex pattern");
        }
        var disk = DiskConfig.Parse(diskKey, value);
        if (!VolumeId.TryParse(disk.File, out _) || disk.IsCdrom)
        {
            throw new ValidationException("disk", $"disk '{diskKey}' is not a resizable volume");
        }
        var (storage, plugin, volume) = await ResolveAsync(disk, cancellationToken);
        var currentSize = (await plugin.InfoAsync(storage, volume.Name, cancellationToken)).SizeBytes;
        var target = relative ? currentSize + requested : requested;
        if (target < currentSize)
        {
            throw new ValidationException("size", $"shrinking disks is not supported ({Sizes.Format(currentSize)} -> {Sizes.Format(target)})");
        }
        return await StartVmTaskAsync(id, "resize", user, async ctx =>
        {
            var ct = ctx.CancellationToken;
            ctx.Log($"resizing {diskKey} ({volume}) from {Sizes.Format(currentSize)} to {Sizes.Format(target)}");
            if (await driver.GetAsync(id, ct) is not null)
            {
                await driver.ResizeDriveAsync(id, diskKey, target, ct);
            }
            else
            {
                await plugin.ResizeAsync(storage, volume.Name, target, ct);
            }
            await vms.MutateAsync(id, doc => doc.WithConfig(diskKey, DiskConfig.Parse(diskKey, doc.Config[diskKey]).WithOption("size", Sizes.Format(target)).ToString()), ct);
        }, cancellationToken);
    }
}
