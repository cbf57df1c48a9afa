using Cordouan.Core;
using Cordouan.Core.Errors;
using Cordouan.Core.Ids;
using Cordouan.Core.Storage;
using Cordouan.Core.Tasks;
using Cordouan.Core.Vms;
using Cordouan.Core.Vms.Migration;
using Cordouan.Node.Config;
using Cordouan.Node.Tasks;

namespace Cordouan.Node.Vms;

public sealed partial class VmService
{
    /// <summary>
    /// Moves one disk to another storage (<c>qmmove</c>): offline with a qemu-img copy, online by mirroring the running
    /// drive and switching the guest to the copy. The old volume is kept as <c>unusedN</c> unless <c>delete</c>.
    /// Like resize it holds the VM's operation lock for the whole run and refuses a VM whose config is locked.
    /// </summary>
    public async Task<Upid> MoveDiskAsync(VmId id, MoveDiskRequest request, string user, CancellationToken cancellationToken)
    {
        var vm = await vms.GetOwnedAsync(id, cancellationToken);
        EnsureUnlocked(vm, skipLock: false);
        if (request.Digest is not null && !string.Equals(request.Digest, vm.Digest, StringComparison.OrdinalIgnoreCase))
        {
            throw new ConfigConflictException();
        }
        if (!DiskConfig.IsDiskKey(request.Disk) || !vm.Document.Config.TryGetValue(request.Disk, out var value))
        {
            throw new ValidationException("disk", $"disk '{request.Disk}' does not exist");
        }
        var disk = DiskConfig.Parse(request.Disk, value);
        if (disk.IsCdrom)
        {
            throw new ValidationException("disk", "you can't move a cdrom");
        }
        var (source, sourcePlugin, volume) = await ResolveAsync(disk, cancellationToken);
        if (vm.Document.IsTemplate || volume.Name.Split('/')[^1].StartsWith("base-", StringComparison.Ordinal))
        {
            throw new VmStateException($"you can't move the base volume of a template ({volume})");
        }
        var target = await storages.GetAsync(request.Storage, cancellationToken);
        var targetPlugin = storages.PluginFor(target);
        if (!target.Content.Contains("images"))
        {
            throw new ValidationException("storage", $"storage '{target.Id}' does not support vm images");
        }
        var sourceFormat = disk.Options.GetValueOrDefault("format") ?? volume.Format;
        // As Proxmox: keep the disk's format when the target supports it, else the target's default.
        var format = request.Format
            ?? (targetPlugin.Capabilities.Formats.Contains(sourceFormat) ? sourceFormat : target.Format ?? targetPlugin.Capabilities.Formats[0]);
        if (!targetPlugin.Capabilities.Formats.Contains(format))
        {
            throw new ValidationException("format", $"storage '{target.Id}' does not support format '{format}'");
        }
        if (target.Id == source.Id && format == sourceFormat)
        {
            throw new ValidationException("storage", "you can't move to the same storage with same format");
        }
        if (request.Delete && vm.Document.Snapshots.Values.Any(s => s.Config.Values.Any(v => v.Split(',')[0] == disk.File)))
        {
            throw new ValidationException("delete", "you can't move a disk with snapshots and delete the source");
        }
        return await StartVmTaskAsync(id, "qmmove", user, async ctx =>
        {
            var ct = ctx.CancellationToken;
            var size = (await sourcePlugin.InfoAsync(source, volume.Name, ct)).SizeBytes;
            await using var reverter = new Reverter();
            VolumeInfo created;
            if (await driver.GetAsync(id, ct) is not null)
            {
                var mover = driver as IVmDriveMover ?? throw new VmStateException("this node's VM driver cannot move the disk of a running VM");
                created = await targetPlugin.AllocateAsync(target, id, size, format, ct);
                reverter.Push(() => targetPlugin.FreeAsync(target, created.Id.Name, CancellationToken.None));
                ctx.Log($"moving {disk.Key} ({volume}) online to {created.Id} ({format}, {Sizes.Format(size)})");
                var targetDrive = await launchSpecs.DriveAsync(disk.WithFile(created.Id.ToString()).WithOption("format", null), ct);
                var bytesPerSecond = (request.BandwidthKiBps ?? 0) * 1024;
                await mover.MoveDriveAsync(id, targetDrive with { Format = format }, bytesPerSecond, new MirrorLog(ctx, disk.Key), ct);
                ctx.Log($"drive-{disk.Key}: Completed successfully.");
            }
            else
            {
                var sourceDrive = await launchSpecs.DriveAsync(disk, ct);
                var image = new ImageSource(sourceDrive.Rbd?.ToQemuFilename() ?? sourceDrive.Path!, sourceDrive.Format, size);
                ctx.Log($"moving {disk.Key} ({volume}) offline to storage '{target.Id}' ({format}, {Sizes.Format(size)})");
                created = await targetPlugin.CopyInAsync(target, id, image, format, ct);
                reverter.Push(() => targetPlugin.FreeAsync(target, created.Id.Name, CancellationToken.None));
                ctx.Log($"copied to {created.Id}");
            }
            var moved = disk.WithFile(created.Id.ToString()).WithOption("size", Sizes.Format(created.SizeBytes));
            if (disk.Options.ContainsKey("format"))
            {
                moved = moved.WithOption("format", format);
            }
            var keptAs = await vms.MutateAsync(id, doc =>
            {
                if (!doc.Config.TryGetValue(disk.Key, out var now) || DiskConfig.Parse(disk.Key, now).File != disk.File)
                {
                    throw new CordouanException($"{disk.Key} changed during the move; the copy {created.Id} is removed");
                }
                var next = doc.WithConfig(disk.Key, moved.ToString());
                return request.Delete ? next : next.WithConfig(NextUnusedKey(next), disk.File);
            }, ct);
            reverter.Commit();
            if (!request.Delete)
            {
                ctx.Log($"{disk.File} kept as {keptAs.Document.Config.First(c => c.Key.StartsWith("unused", StringComparison.Ordinal) && c.Value == disk.File).Key}");
                return;
            }
            try
            {
                await sourcePlugin.FreeAsync(source, volume.Name, ct);
                ctx.Log($"removed {volume}");
            }
            catch (CordouanException e)
            {
                // The disk already moved; a source that cannot go is kept, referenced, rather than lost.
                ctx.Warn($"could not remove {volume}: {e.Message}; kept as an unused disk");
                await vms.MutateAsync(id, doc => doc.WithConfig(NextUnusedKey(doc), disk.File), ct);
            }
        }, cancellationToken);
    }

    /// <summary>Task log lines of a running mirror, Proxmox style, one per 10 % step.</summary>
    private sealed class MirrorLog(TaskContext ctx, string driveKey) : IProgress<MirrorProgress>
    {
        private int _lastStep = -1;

        public void Report(MirrorProgress value)
        {
            var percent = value.Length > 0 ? value.Offset * 100.0 / value.Length : 0;
            var step = (int)(percent / 10);
            if (step <= _lastStep && !value.Ready)
            {
                return;
            }
            _lastStep = value.Ready ? int.MaxValue : step;
            ctx.Log(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"drive-{driveKey}: transferred {value.Offset / 1048576.0:0.0} MiB of {value.Length / 1048576.0:0.0} MiB ({percent:0.00}%){(value.Ready ? ", ready" : "")}"));
        }
    }
}
