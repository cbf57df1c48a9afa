using Microsoft.Extensions.DependencyInjection;

namespace Cordouan.Node.Vms.Migration;

/// <summary>Registers offline migration (both ends). The host also registers an <see cref="IVolumeTransfer"/> (node-to-node transport).</summary>
public static class MigrationServiceCollectionExtensions
{
    public static IServiceCollection AddVmMigration(this IServiceCollection services)
    {
        services.AddSingleton<VmMigrator>();
        services.AddSingleton<VolumeReceiver>();
        return services;
    }
}
