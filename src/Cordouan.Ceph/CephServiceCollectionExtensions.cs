using Cordouan.Ceph.Config;
using Cordouan.Ceph.Daemons;
using Cordouan.Ceph.Mgr;
using Cordouan.Ceph.Mon;
using Cordouan.Ceph.Osd;
using Cordouan.Ceph.Pools;
using Cordouan.Core.Ceph;
using Cordouan.Platform.Processes;
using Microsoft.Extensions.DependencyInjection;

namespace Cordouan.Ceph;

/// <summary>Registers Ceph deployment (<see cref="ICephDeployment"/>, <see cref="ICephCluster"/>, <see cref="ICephClientConfig"/>) and who runs the daemons (<see cref="CephOptions.ServiceManager"/>).</summary>
public static class CephServiceCollectionExtensions
{
    public static IServiceCollection AddCeph(this IServiceCollection services, CephOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton(sp => new CephTools(options, new ProcessRunner()));
        services.AddSingleton(sp => CephPaths.From(options));
        services.AddSingleton<CephFactsStore>();
        services.AddSingleton<CephLocalFiles>();
        services.AddSingleton<CephContext>();
        if (options.ServiceManager == CephServiceManager.Systemd)
        {
            // systemd alone keeps the daemons running: no supervisor loop exists that could start a second copy.
            services.AddSingleton<ICephDaemonRunner, SystemdCephUnits>();
        }
        else
        {
            services.AddSingleton<CephDaemonSupervisor>();
            services.AddSingleton<ICephDaemonRunner>(sp => sp.GetRequiredService<CephDaemonSupervisor>());
            services.AddHostedService(sp => sp.GetRequiredService<CephDaemonSupervisor>());
        }
        services.AddSingleton<ClusterInitializer>();
        services.AddSingleton<MonDeployer>();
        services.AddSingleton<MgrDeployer>();
        services.AddSingleton<BlockDevices>();
        services.AddSingleton<OsdDeployer>();
        services.AddSingleton<PoolManager>();
        services.AddSingleton<ICephDeployment, CephDeployment>();
        services.AddSingleton<ICephCluster, CephQueries>();
        services.AddSingleton<ICephClientConfig, CephClientConfig>();
        return services;
    }
}
