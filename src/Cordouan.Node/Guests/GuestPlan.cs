using Cordouan.Core.Ids;
using Cordouan.Node.Config;

namespace Cordouan.Node.Guests;

/// <summary>
/// Which VMs <c>startall</c>, <c>stopall</c> and <c>migrateall</c> act on and in which order, as Proxmox's
/// <c>get_start_stop_list</c> and <c>get_filtered_vmlist</c> decide: templates never start or stop; HA-managed VMs are
/// left to the HA manager unless the caller names VMs (<c>vms</c>); start goes by ascending order then VMID, each
/// order group finished before the next; stop goes the exact reverse.
/// </summary>
public static class GuestPlan
{
    /// <summary>The order groups of a start, ascending; with <paramref name="onBootOnly"/> only VMs marked <c>onboot</c>.</summary>
    public static IReadOnlyList<IReadOnlyList<GuestEntry>> ForStart(IEnumerable<GuestCandidate> vms, IReadOnlySet<VmId>? only, bool onBootOnly) =>
        Entries(vms, only)
            .Where(v => !onBootOnly || v.Candidate.OnBoot)
            .Select(v => v.Entry)
            .GroupBy(e => e.Order)
            .OrderBy(g => g.Key)
            .Select(g => (IReadOnlyList<GuestEntry>)[.. g.OrderBy(e => e.VmId.Value)])
            .ToList();

    /// <summary>The order groups of a stop: the reverse of a start of every VM (onboot or not).</summary>
    public static IReadOnlyList<IReadOnlyList<GuestEntry>> ForStop(IEnumerable<GuestCandidate> vms, IReadOnlySet<VmId>? only) =>
        Entries(vms, only)
            .Select(v => v.Entry)
            .GroupBy(e => e.Order)
            .OrderByDescending(g => g.Key)
            .Select(g => (IReadOnlyList<GuestEntry>)[.. g.OrderByDescending(e => e.VmId.Value)])
            .ToList();

    /// <summary>
    /// The VMs of a <c>migrateall</c>: templates and HA-managed VMs included, in Proxmox's order (its <c>sort keys</c>
    /// compares VMIDs as text).
    /// </summary>
    public static IReadOnlyList<VmId> ForMigrate(IEnumerable<GuestCandidate> vms, IReadOnlySet<VmId>? only) =>
        vms.Where(v => only is null || only.Contains(v.VmId))
            .Select(v => v.VmId)
            .OrderBy(id => id.ToString(), StringComparer.Ordinal)
            .ToList();

    private static IEnumerable<(GuestCandidate Candidate, GuestEntry Entry)> Entries(IEnumerable<GuestCandidate> vms, IReadOnlySet<VmId>? only) =>
        vms.Where(v => only is null || only.Contains(v.VmId))
            .Where(v => !v.IsTemplate)
            .Where(v => only is not null || !v.HaManaged)
            .Select(v => (v, new GuestEntry(v.VmId, StartupOrder.Of(v.Config))));
}
