using Cordouan.Core.Cluster;

namespace Cordouan.Node.Ha;

/// <summary>HA configuration in etcd: resources (<c>ha/resources/vm:N</c>) and groups (<c>ha/groups/NAME</c>).</summary>
public sealed class HaConfigRepository(IClusterStore store)
{
    public DocumentCollection<HaResourceDocument> Resources { get; } = new(store, ClusterKeys.HaResourcesPrefix, HaJsonContext.Default.HaResourceDocument);

    public DocumentCollection<HaGroupDocument> Groups { get; } = new(store, ClusterKeys.HaGroupsPrefix, HaJsonContext.Default.HaGroupDocument);
}
