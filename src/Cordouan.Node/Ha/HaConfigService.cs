using Cordouan.Node.Cluster;
using Cordouan.Node.Storage;
using Cordouan.Node.Vms;

namespace Cordouan.Node.Ha;

/// <summary>
/// The HA configuration use cases behind <c>/cluster/ha/resources</c> and <c>/cluster/ha/groups</c>: validation with
/// Proxmox's texts, then compare-and-swap writes, so a concurrent writer is reported, never overwritten. What the HA
/// engine does with the configuration is not decided here. Split by concern into partial files.
/// </summary>
public sealed partial class HaConfigService(HaConfigRepository config, VmRepository vms, StorageRegistry storages, ClusterView cluster, TimeProvider time)
{
    /// <summary>Resources and groups are small sets; listings come sorted so output is stable.</summary>
    private static IReadOnlyList<VersionedDocument<T>> Sorted<T>(IReadOnlyList<VersionedDocument<T>> documents) =>
        [.. documents.OrderBy(d => d.Key, StringComparer.Ordinal)];
}
