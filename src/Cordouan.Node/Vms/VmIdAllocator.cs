using Cordouan.Core.Cluster;
using Cordouan.Core.Ids;

namespace Cordouan.Node.Vms;

/// <summary>
/// <c>/cluster/nextid</c>: the lowest free VMID, reserved for a short while with a lease-bound key so that parallel callers
/// (Terraform creating many VMs) get distinct ids. Create itself is a compare-and-swap, so a reservation is advice, not a lock.
/// </summary>
public sealed class VmIdAllocator(IClusterStore store)
{
    private static readonly TimeSpan ReservationTtl = TimeSpan.FromSeconds(30);

    public async Task<bool> IsFreeAsync(VmId id, CancellationToken cancellationToken) =>
        await store.GetAsync(ClusterKeys.Vm(id), cancellationToken) is null;

    public async Task<VmId> NextAsync(CancellationToken cancellationToken)
    {
        var lease = 0L;
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var used = (await store.ListAsync(ClusterKeys.VmsPrefix, cancellationToken))
                .Select(e => e.Key[ClusterKeys.VmsPrefix.Length..])
                .Concat((await store.ListAsync(ClusterKeys.ReservationsPrefix, cancellationToken)).Select(e => e.Key[ClusterKeys.ReservationsPrefix.Length..]))
                .Select(k => int.TryParse(k, out var n) ? n : -1)
                .ToHashSet();
            var candidate = VmId.Min;
            while (used.Contains(candidate))
            {
                candidate++;
            }
            var id = new VmId(candidate);
            if (lease == 0)
            {
                lease = await store.GrantLeaseAsync(ReservationTtl, cancellationToken);
            }
            var result = await store.TransactAsync(
                [TxnCompare.Absent(ClusterKeys.Vm(id)), TxnCompare.Absent(ClusterKeys.Reservation(id))],
                [new TxnOp.Put(ClusterKeys.Reservation(id), [], lease)],
                cancellationToken);
            if (result.Succeeded)
            {
                return id;
            }
        }
        throw new Core.Errors.CordouanException("Failed to allocate a VMID: too many concurrent allocations, try again");
    }
}
