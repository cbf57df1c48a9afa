using Cordouan.Core.Ids;
using Cordouan.Core.Vms;
using Cordouan.Core.Vms.Migration;

namespace Cordouan.Node.Vms.Migration.Live;

/// <summary>
/// The source-side steps that put a VM back as it was before a live migration that did not commit: used by the
/// migration task's rollback and by <see cref="MigrationSupervisor"/> for a migration whose task is gone.
/// </summary>
public static class OutgoingMigrationUndo
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);

    /// <summary>Cancels the migration if QEMU still runs it, and waits until QEMU says it ended.</summary>
    public static async Task CancelAsync(IVmMigrationDriver migration, VmId id, CancellationToken cancellationToken)
    {
        var state = await migration.WaitMigrationAsync(id, TimeSpan.Zero, cancellationToken);
        if (state.IsFailed || state.IsCompleted)
        {
            return;
        }
        await migration.CancelMigrationAsync(id, cancellationToken);
        while (!(state = await migration.WaitMigrationAsync(id, Poll, cancellationToken)).IsFailed && !state.IsCompleted)
        {
        }
    }

    /// <summary>Runs the guest here again if it is paused (QEMU pauses it at completion). True when it had to.</summary>
    public static async Task<bool> ResumeHereAsync(IVmDriver driver, VmId id, CancellationToken cancellationToken)
    {
        if (await driver.GetAsync(id, cancellationToken) is not { State: not VmRunState.Running })
        {
            return false;
        }
        await driver.ResumeAsync(id, cancellationToken);
        return true;
    }

    /// <summary>Ends every drive mirror still running and removes its NBD client.</summary>
    public static async Task EndMirrorsAsync(IVmMigrationDriver migration, VmId id, CancellationToken cancellationToken)
    {
        var mirrors = await migration.QueryMirrorsAsync(id, cancellationToken);
        if (mirrors.Count > 0)
        {
            await migration.EndMirrorsAsync(id, [.. mirrors.Select(m => m.DriveId)], cancellationToken);
        }
    }
}
