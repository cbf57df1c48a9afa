using Cordouan.Core.Errors;
using Cordouan.Core.Ids;
using Cordouan.Core.Vms.Migration;
using Cordouan.Qemu.CommandLine;
using Cordouan.Qemu.Qmp.Commands;
using Cordouan.Qemu.Qmp.Events;
using Cordouan.Qemu.Qmp.Monitor;

namespace Cordouan.Qemu;

public sealed partial class QemuVmDriver : IVmMigrationDriver
{
    /// <summary>"Unlimited" for QEMU, whose default cap is 32 MiB/s.</summary>
    private const long UnlimitedBandwidth = 1L << 40;

    private static readonly TimeSpan MirrorEndTimeout = TimeSpan.FromSeconds(60);

    public Task ExportDrivesAsync(VmId vmId, string host, int port, IReadOnlyList<string> driveIds, CancellationToken cancellationToken) =>
        RunAsync(vmId, $"export the drives of VM {vmId} over NBD", async (m, ct) =>
        {
            await m.NbdServerStartAsync(host, port, ct);
            foreach (var drive in driveIds)
            {
                await m.BlockExportAddNbdAsync($"export-{drive}", await DriveNodeAsync(m, drive, ct), drive, ct);
            }
        }, cancellationToken);

    public Task ListenAsync(VmId vmId, string uri, CancellationToken cancellationToken) =>
        RunAsync(vmId, $"listen for VM {vmId} at {uri}", (m, ct) => m.MigrateIncomingAsync(uri, ct), cancellationToken);

    public async Task<string> RunStateAsync(VmId vmId, CancellationToken cancellationToken)
    {
        var vm = await FindAsync(vmId, cancellationToken) ?? throw new VmStateException($"VM {vmId} not running");
        return (await vm.Monitor.QueryStatusAsync(cancellationToken)).Status;
    }

    public Task FinishIncomingAsync(VmId vmId, CancellationToken cancellationToken) =>
        RunAsync(vmId, $"resume migrated VM {vmId}", async (m, ct) =>
        {
            try
            {
                await m.NbdServerStopAsync(ct);
            }
            catch (QmpException)
            {
                // No NBD server (shared disks only).
            }
            await m.ContAsync(ct);
        }, cancellationToken);

    public Task StartMirrorAsync(VmId vmId, string driveId, string host, int port, long bytesPerSecond, CancellationToken cancellationToken) =>
        RunAsync(vmId, $"mirror drive {driveId} of VM {vmId} to {host}:{port}", async (m, ct) =>
        {
            await m.BlockdevAddNbdAsync(MirrorNode(driveId), host, port, driveId, ct);
            try
            {
                await m.BlockdevMirrorAsync(MirrorNode(driveId), await DriveNodeAsync(m, driveId, ct), MirrorNode(driveId), bytesPerSecond, ct);
            }
            catch
            {
                await m.BlockdevDelAsync(MirrorNode(driveId), CancellationToken.None);
                throw;
            }
        }, cancellationToken);

    public async Task<IReadOnlyList<MirrorProgress>> QueryMirrorsAsync(VmId vmId, CancellationToken cancellationToken)
    {
        var vm = await FindAsync(vmId, cancellationToken) ?? throw new VmStateException($"VM {vmId} not running");
        var jobs = await vm.Monitor.QueryBlockJobsAsync(cancellationToken);
        return [.. jobs.Where(j => j.Device.StartsWith(MirrorPrefix, StringComparison.Ordinal))
            .Select(j => new MirrorProgress(j.Device[MirrorPrefix.Length..], j.Offset, j.Len, j.Ready, j.Status))];
    }

    public Task EndMirrorsAsync(VmId vmId, IReadOnlyList<string> driveIds, CancellationToken cancellationToken) =>
        RunAsync(vmId, $"end the drive mirrors of VM {vmId}", async (m, ct) =>
        {
            var jobs = await m.QueryBlockJobsAsync(ct);
            foreach (var job in jobs.Where(j => driveIds.Any(d => j.Device == MirrorNode(d))))
            {
                // A ready mirror completes on cancel (consistent copy); one still copying is simply stopped.
                await m.BlockJobCancelAsync(job.Device, force: !job.Ready, ct);
            }
            var deadline = _timeProvider.GetUtcNow() + MirrorEndTimeout;
            while ((await m.QueryBlockJobsAsync(ct)).Any(j => driveIds.Any(d => j.Device == MirrorNode(d))))
            {
                if (_timeProvider.GetUtcNow() > deadline)
                {
                    throw new CordouanException($"drive mirrors of VM {vmId} did not end within {MirrorEndTimeout.TotalSeconds:0} s");
                }
                await Task.Delay(TimeSpan.FromMilliseconds(20), _timeProvider, ct);
            }
            foreach (var drive in driveIds)
            {
                try
                {
                    await m.BlockdevDelAsync(MirrorNode(drive), ct);
                }
                catch (QmpException)
                {
                    // Never added (the mirror failed to start) or already gone.
                }
            }
        }, cancellationToken);

    public Task StartMigrationAsync(VmId vmId, string uri, MigrationSettings settings, CancellationToken cancellationToken) =>
        RunAsync(vmId, $"migrate VM {vmId} to {uri}", async (m, ct) =>
        {
            await m.MigrateSetCapabilitiesAsync(new Dictionary<string, bool>
            {
                ["events"] = true,
                ["auto-converge"] = settings.AutoConverge,
                ["postcopy-ram"] = settings.Postcopy,
            }, ct);
            var bandwidth = settings.BytesPerSecond > 0 ? settings.BytesPerSecond : UnlimitedBandwidth;
            await m.MigrateSetParametersAsync((long)settings.MaxDowntime.TotalMilliseconds, bandwidth, ct);
            await m.MigrateAsync(uri, ct);
        }, cancellationToken);

    public async Task<MigrationProgress> WaitMigrationAsync(VmId vmId, TimeSpan wait, CancellationToken cancellationToken)
    {
        var vm = await FindAsync(vmId, cancellationToken) ?? throw new VmStateException($"VM {vmId} not running");
        QmpMigrationInfo info;
        using (var events = vm.Monitor.Subscribe())
        {
            info = await vm.Monitor.QueryMigrateAsync(cancellationToken);
            if (!IsTerminal(info.Status) && wait > TimeSpan.Zero)
            {
                await WaitForMigrationEventAsync(events, wait, cancellationToken);
                info = await vm.Monitor.QueryMigrateAsync(cancellationToken);
            }
        }
        // QEMU announces completion a moment before it records the totals: ask again briefly for the downtime.
        for (var i = 0; i < 40 && info.Status == "completed" && info.TotalTime is null or 0; i++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(5), _timeProvider, cancellationToken);
            info = await vm.Monitor.QueryMigrateAsync(cancellationToken);
        }
        return ToProgress(info);
    }

    public Task StartPostcopyAsync(VmId vmId, CancellationToken cancellationToken) =>
        RunAsync(vmId, $"switch the migration of VM {vmId} to post-copy", (m, ct) => m.MigrateStartPostcopyAsync(ct), cancellationToken);

    public Task CancelMigrationAsync(VmId vmId, CancellationToken cancellationToken) =>
        RunAsync(vmId, $"cancel the migration of VM {vmId}", (m, ct) => m.MigrateCancelAsync(ct), cancellationToken);

    private const string MirrorPrefix = "mirror-";

    private static string MirrorNode(string driveId) => MirrorPrefix + driveId;

    private static bool IsTerminal(string? status) => status is "completed" or "failed" or "cancelled" or null or "none";

    private async Task WaitForMigrationEventAsync(QmpEventSubscription events, TimeSpan wait, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(wait, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await events.WaitForAsync("MIGRATION", linked.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // No change within the wait: the caller asks again and logs progress.
        }
        catch (IOException)
        {
            // The monitor closed (QEMU exits): the next query reports it.
        }
    }

    private static MigrationProgress ToProgress(QmpMigrationInfo info)
    {
        var ram = info.Ram;
        return new MigrationProgress(
            info.Status ?? "none",
            ram?.Transferred ?? 0,
            ram?.Remaining ?? 0,
            ram?.Total ?? 0,
            ram?.DirtyPagesRate ?? 0,
            ram?.PageSize ?? 4096,
            ram?.DirtySyncCount ?? 0,
            ram?.Mbps ?? 0,
            info.ExpectedDowntime is { } expected ? TimeSpan.FromMilliseconds(expected) : null,
            info.Downtime is { } downtime ? TimeSpan.FromMilliseconds(downtime) : null,
            TimeSpan.FromMilliseconds(info.TotalTime ?? 0),
            info.ErrorDesc);
    }
}
