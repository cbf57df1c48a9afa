using System.Security.Cryptography;
using Cordouan.Core.Errors;
using Cordouan.Core.Ids;
using Cordouan.Core.Vms;
using Cordouan.Core.Vms.Migration;
using Cordouan.Qemu.CommandLine;
using Cordouan.Qemu.Qmp.Commands;
using Cordouan.Qemu.Qmp.Monitor;

namespace Cordouan.Qemu;

public sealed partial class QemuVmDriver : IVmDriveMover
{
    private const string MovePrefix = "move-";
    private static readonly TimeSpan MovePoll = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Proxmox's drive-mirror + block-job-complete over blockdev: the new image is added as its own node pair (named
    /// <c>drive-ID-xxxx</c> / <c>file-ID-xxxx</c>, since the old names stay taken until the switch), mirrored with
    /// sync full, completed once ready (the device now uses it), then the old pair is deleted, which closes the old image.
    /// </summary>
    public Task MoveDriveAsync(VmId vmId, DriveSpec target, long bytesPerSecond, IProgress<MirrorProgress>? progress, CancellationToken cancellationToken) =>
        RunAsync(vmId, $"move drive {target.Id} of VM {vmId}", async (m, ct) =>
        {
            var driveId = target.Id;
            var source = await DriveNodeAsync(m, driveId, ct);
            var suffix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));
            var node = $"{QemuArgvBuilder.NodeName(driveId)}-{suffix}";
            var file = $"file-{driveId}-{suffix}";
            var job = MovePrefix + driveId;
            await m.BlockdevAddAsync(target, node, file, ct);
            try
            {
                await m.BlockdevMirrorAsync(job, source, node, bytesPerSecond, ct);
                await CompleteMoveAsync(m, job, driveId, progress, ct);
            }
            catch
            {
                await AbandonMoveAsync(m, job, node, file);
                throw;
            }
            if (await DriveNodeAsync(m, driveId, ct) != node)
            {
                await AbandonMoveAsync(m, job, node, file);
                throw new CordouanException($"the mirror of drive {driveId} ended without switching the device to the new image");
            }
            // The old pair has no user left: deleting it closes the old image (an RBD watcher, a file lock) so it can be removed.
            await m.BlockdevDelAsync(source, ct);
            await m.BlockdevDelAsync(FileNodeOf(source), ct);
        }, cancellationToken);

    /// <summary>Waits for the mirror to be ready (reporting progress), completes it and waits until the job is gone.</summary>
    private async Task CompleteMoveAsync(QmpMonitor m, string job, string driveId, IProgress<MirrorProgress>? progress, CancellationToken ct)
    {
        var completing = false;
        while (true)
        {
            var current = (await m.QueryBlockJobsAsync(ct)).FirstOrDefault(j => j.Device == job);
            if (current is null)
            {
                // auto-dismiss removed it: ended (the caller checks whether the device switched).
                return;
            }
            progress?.Report(new MirrorProgress(driveId, current.Offset, current.Len, current.Ready, current.Status));
            if (current.Ready && !completing)
            {
                await m.BlockJobCompleteAsync(job, ct);
                completing = true;
            }
            await Task.Delay(MovePoll, _timeProvider, ct);
        }
    }

    /// <summary>Cancels the job if it still runs and closes the new image; the guest stays on its old one.</summary>
    private async Task AbandonMoveAsync(QmpMonitor m, string job, string node, string file)
    {
        using var timeout = new CancellationTokenSource(MirrorEndTimeout, _timeProvider);
        try
        {
            if ((await m.QueryBlockJobsAsync(timeout.Token)).Any(j => j.Device == job))
            {
                await m.BlockJobCancelAsync(job, force: true, timeout.Token);
                while ((await m.QueryBlockJobsAsync(timeout.Token)).Any(j => j.Device == job))
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(50), _timeProvider, timeout.Token);
                }
            }
            await m.BlockdevDelAsync(node, timeout.Token);
            await m.BlockdevDelAsync(file, timeout.Token);
        }
        catch (Exception e) when (e is QmpException or OperationCanceledException or IOException)
        {
            // Best effort: the nodes go away with the QEMU process at the latest.
        }
    }

    /// <summary>
    /// The block node a guest drive currently uses (<c>drive-ID</c> from the command line, another name after a move),
    /// read from <c>query-block</c>: the device is named by its id (scsi-hd, ide-hd) or its virtio backend path.
    /// </summary>
    private static async Task<string> DriveNodeAsync(QmpMonitor m, string driveId, CancellationToken ct)
    {
        var devices = await m.QueryBlockAsync(ct);
        var device = devices.FirstOrDefault(d => d.Qdev == driveId || d.Qdev == $"/machine/peripheral/{driveId}/virtio-backend");
        return device?.Inserted?.NodeName ?? QemuArgvBuilder.NodeName(driveId);
    }

    /// <summary>Our node pairs are named <c>drive-X[-s]</c> over <c>file-X[-s]</c>.</summary>
    private static string FileNodeOf(string node) => "file-" + node["drive-".Length..];
}
