using Microsoft.Extensions.DependencyInjection;

namespace Cordouan.Node.Vms.Migration;

/// <summary>Registers migration (both ends). The host also registers the node-to-node transports (<see cref="IVolumeTransfer"/>, <see cref="Live.IMigrationPeer"/>) and runs <see cref="Live.MigrationSupervisor"/> once VMs are recovered.</summary>
public static class MigrationServiceCollectionExtensions
{
    public static IServiceCollection AddVmMigration(this IServiceCollection services)
    {
        services.AddSingleton<VmMigrator>();
        services.AddSingleton<VolumeReceiver>();
        services.AddSingleton<Live.IncomingMigrations>();
        services.AddSingleton<Live.MigrationSupervisor>();
        // Evacuation is a client of migration: it lives beside it.
        services.AddSingleton<Maintenance.NodeMaintenance>();
        return services;
    }
}
