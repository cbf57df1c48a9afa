using System.Text.Json;
using Cordouan.Core.Cluster;
using Cordouan.Core.Errors;

namespace Cordouan.Ceph.Config;

/// <summary>Reads and changes the cluster's Ceph facts with compare-and-swap (two nodes never overwrite each other).</summary>
public sealed class CephFactsStore(IClusterStore store)
{
    public async Task<CephClusterFacts?> GetAsync(CancellationToken cancellationToken) =>
        (await GetEntryAsync(cancellationToken)).Facts;

    /// <summary>Creates the facts; false when Ceph was already initialized (by anyone).</summary>
    public async Task<bool> TryCreateAsync(CephClusterFacts facts, CancellationToken cancellationToken) =>
        (await store.CompareAndPutAsync(ClusterKeys.CephCluster, 0, Serialize(facts), cancellationToken)).Succeeded;

    /// <summary>Applies <paramref name="change"/> to the current facts, retrying when another writer got in between.</summary>
    public async Task<CephClusterFacts> UpdateAsync(Func<CephClusterFacts, CephClusterFacts> change, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var (facts, revision) = await GetEntryAsync(cancellationToken);
            if (facts is null)
            {
                throw new CordouanException("Failed to update the Ceph configuration: Ceph is not initialized");
            }
            var changed = change(facts);
            if ((await store.CompareAndPutAsync(ClusterKeys.CephCluster, revision, Serialize(changed), cancellationToken)).Succeeded)
            {
                return changed;
            }
        }
        throw new ConfigConflictException();
    }

    /// <summary>Forgets the cluster (used only to undo a failed first step).</summary>
    public Task DeleteAsync(CancellationToken cancellationToken) => store.DeleteAsync(ClusterKeys.CephCluster, cancellationToken);

    private async Task<(CephClusterFacts? Facts, long Revision)> GetEntryAsync(CancellationToken cancellationToken)
    {
        var entry = await store.GetAsync(ClusterKeys.CephCluster, cancellationToken);
        return entry is null ? (null, 0) : (JsonSerializer.Deserialize(entry.Value, CephStateJsonContext.Default.CephClusterFacts), entry.ModRevision);
    }

    private static byte[] Serialize(CephClusterFacts facts) => JsonSerializer.SerializeToUtf8Bytes(facts, CephStateJsonContext.Default.CephClusterFacts);
}
