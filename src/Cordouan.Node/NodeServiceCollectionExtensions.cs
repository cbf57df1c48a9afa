using Cordouan.Node.Ceph;
using Cordouan.Node.Cluster;
using Cordouan.Node.Maintenance;
using Cordouan.Node.Nodes;
using Cordouan.Node.Storage;
using Cordouan.Node.Tasks;
using Cordouan.Node.Telemetry;
using Cordouan.Node.Vms;
using Microsoft.Extensions.DependencyInjection;

namespace Cordouan.Node;

/// <summary>Registers the node agent's use cases. Needs IClusterStore, IVmDriver, storage plugins, ICephDeployment, ICephCluster, NodeIdentity and NodeOptions.</summary>
public static class NodeServiceCollectionExtensions
{
    public static IServiceCollection AddCordouanNode(this IServiceCollection services)
    {
        services.AddSingleton<TaskManager>();
        services.AddSingleton<VmRepository>();
        services.AddSingleton<Ha.HaConfigRepository>();
        services.AddSingleton<Ha.NodeLeaseState>();
        services.AddSingleton<Ha.HaClaims>();
        services.AddSingleton<Ha.HaStorageFence>();
        services.AddSingleton<Ha.HaStatusReader>();
        services.AddSingleton<Ha.HaConfigService>();
        services.AddSingleton<VmReadModel>();
        services.AddHostedService(sp => sp.GetRequiredService<VmReadModel>());
        services.AddSingleton<Vms.Live.ClusterLiveStatus>();
        services.AddSingleton<VmOperationLocks>();
        services.AddSingleton<StorageRegistry>();
        services.AddSingleton<LaunchSpecBuilder>();
        services.AddSingleton<CloudInit.CloudInitDrives>();
        services.AddSingleton<VmService>();
        services.AddSingleton<VmIdAllocator>();
        services.AddSingleton<ClusterView>();
        services.AddSingleton<MaintenanceGuard>();
        services.AddSingleton<NodeStatusReader>();
        services.AddSingleton<PoolStorages>();
        services.AddSingleton<CephService>();
        services.AddSingleton<Network.NodeNetworkService>();
        services.AddSingleton<Network.TrafficNetworkService>();
        services.AddSingleton<Guests.NodeGuests>();
        services.AddTelemetry();
        return services;
    }
}
