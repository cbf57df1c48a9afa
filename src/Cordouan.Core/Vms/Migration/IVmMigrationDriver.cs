using Cordouan.Core.Ids;

namespace Cordouan.Core.Vms.Migration;

/// <summary>
/// Live migration, the optional part of a VM driver (Nomad-style extra interface). The target end starts the VM with
/// <see cref="VmLaunchSpec.Incoming"/> and <see cref="VmLaunchSpec.StartPaused"/>, exports its disks when they must be
/// mirrored, and listens; the source end mirrors disks, streams RAM and device state, and reports progress. The guest
/// runs again on the target only when <see cref="FinishIncomingAsync"/> is called: the orchestrator decides when.
/// Methods on a VM that is not running throw <see cref="Errors.VmStateException"/>.
/// </summary>
public interface IVmMigrationDriver
{
    /// <summary>Target: serves the VM's drives <paramref name="driveIds"/> writable over NBD on <paramref name="host"/>:<paramref name="port"/> (export name = drive id).</summary>
    Task ExportDrivesAsync(VmId vmId, string host, int port, IReadOnlyList<string> driveIds, CancellationToken cancellationToken);

    /// <summary>Target: accepts the incoming migration stream at <paramref name="uri"/> (<c>tcp:host:port</c>).</summary>
    Task ListenAsync(VmId vmId, string uri, CancellationToken cancellationToken);

    /// <summary>Target: the incoming VM's QEMU run state (<c>inmigrate</c>, <c>paused</c> once all state arrived, <c>running</c>…).</summary>
    Task<string> RunStateAsync(VmId vmId, CancellationToken cancellationToken);

    /// <summary>Target: stops the NBD server (if any) and resumes the guest.</summary>
    Task FinishIncomingAsync(VmId vmId, CancellationToken cancellationToken);

    /// <summary>Source: mirrors one drive into the target's NBD export (<c>blockdev-mirror</c>, sync full), at most <paramref name="bytesPerSecond"/> (0 = unlimited).</summary>
    Task StartMirrorAsync(VmId vmId, string driveId, string host, int port, long bytesPerSecond, CancellationToken cancellationToken);

    /// <summary>Source: the drive mirrors that are still running.</summary>
    Task<IReadOnlyList<MirrorProgress>> QueryMirrorsAsync(VmId vmId, CancellationToken cancellationToken);

    /// <summary>
    /// Source: ends every drive mirror and removes its NBD client. Once the guest is paused after a completed
    /// migration this leaves the target disks an exact copy (a ready mirror that is cancelled completes); on an abort
    /// it simply stops copying. Waits (bounded) for the jobs to be gone.
    /// </summary>
    Task EndMirrorsAsync(VmId vmId, IReadOnlyList<string> driveIds, CancellationToken cancellationToken);

    /// <summary>Source: applies <paramref name="settings"/> and starts sending the VM to <paramref name="uri"/>.</summary>
    Task StartMigrationAsync(VmId vmId, string uri, MigrationSettings settings, CancellationToken cancellationToken);

    /// <summary>Source: the migration's state; waits up to <paramref name="wait"/> for a change (QEMU's MIGRATION event) before asking.</summary>
    Task<MigrationProgress> WaitMigrationAsync(VmId vmId, TimeSpan wait, CancellationToken cancellationToken);

    /// <summary>Source: switches a running migration to post-copy (the capability must have been enabled).</summary>
    Task StartPostcopyAsync(VmId vmId, CancellationToken cancellationToken);

    /// <summary>Source: cancels the migration; QEMU keeps (or puts back) the guest running here.</summary>
    Task CancelMigrationAsync(VmId vmId, CancellationToken cancellationToken);
}
