using System.Text;
using Cordouan.Core.Cluster;
using Cordouan.Node.Vms;

namespace Cordouan.Node.Ha;

/// <summary>
/// The fencing handshake in etcd. A node runs an HA VM only under a claim (<c>ha/claims/vm:N</c>) bound to its
/// liveness lease, taken by a compare-and-swap that also checks the VM document it read (so the owner it saw is
/// still the owner). Recovery elsewhere requires the claim gone: the lease expired, which the node itself noticed
/// earlier (its lease deadline is counted from the keep-alive it sent) and answered by killing its HA VMs.
/// </summary>
public sealed class HaClaims(IClusterStore store)
{
    public async Task<IReadOnlyDictionary<string, StoreEntry>> ListAsync(CancellationToken cancellationToken) =>
        (await store.ListAsync(ClusterKeys.HaClaimsPrefix, cancellationToken)).ToDictionary(e => e.Key[ClusterKeys.HaClaimsPrefix.Length..], StringComparer.Ordinal);

    public static string NodeOf(StoreEntry claim) => Encoding.UTF8.GetString(claim.Value);

    /// <summary>
    /// Claims <paramref name="sid"/> for <paramref name="node"/> under <paramref name="lease"/>, if the VM is still as
    /// read (<paramref name="vm"/>) and the claim as seen (<paramref name="seen"/>, null = absent). False when either changed.
    /// </summary>
    public async Task<bool> TryClaimAsync(string sid, VersionedVm vm, StoreEntry? seen, string node, long lease, CancellationToken cancellationToken)
    {
        var result = await store.TransactAsync(
            [new TxnCompare(ClusterKeys.Vm(vm.Document.Id), vm.Revision), new TxnCompare(ClusterKeys.HaClaim(sid), seen?.ModRevision ?? 0)],
            [new TxnOp.Put(ClusterKeys.HaClaim(sid), Encoding.UTF8.GetBytes(node), lease)],
            cancellationToken);
        return result.Succeeded;
    }

    /// <summary>Drops a claim this node holds (VM stopped on purpose, or handed to the cluster manager); no-op if it changed.</summary>
    public Task ReleaseAsync(string sid, StoreEntry claim, CancellationToken cancellationToken) =>
        store.CompareAndDeleteAsync(ClusterKeys.HaClaim(sid), claim.ModRevision, cancellationToken);
}
