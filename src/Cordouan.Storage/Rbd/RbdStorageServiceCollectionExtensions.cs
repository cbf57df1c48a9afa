using Cordouan.Core.Storage;
using Cordouan.Platform.Processes;
using Cordouan.Storage.Images;
using Cordouan.Storage.Rbd.Native;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Cordouan.Storage.Rbd;

/// <summary>Registers the "rbd" storage plugin.</summary>
public static class RbdStorageServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="RbdStoragePlugin"/> as keyed <see cref="IStoragePlugin"/> "rbd" and in the enumerable of all plugins
    /// (same instance); idempotent. Storages of the cluster Cordouan deployed need an <see cref="Core.Ceph.ICephClientConfig"/>.
    /// </summary>
    public static IServiceCollection AddRbdStorage(this IServiceCollection services, RbdStorageOptions options)
    {
        services.TryAddSingleton<ProcessRunner>();
        services.TryAddSingleton<QemuImg>();
        services.TryAddSingleton(TimeProvider.System);
        if (services.Any(d => d.IsKeyedService && Equals(d.ServiceKey, RbdStoragePlugin.TypeName) && d.ServiceType == typeof(IStoragePlugin)))
        {
            return services;
        }
        services.AddSingleton(options);
        services.AddSingleton<RbdCommands>();
        services.AddSingleton<RbdConnections>();
        // A singleton the container disposes at daemon stop, which shuts every librados connection down.
        services.AddSingleton<RbdClients>();
        services.AddKeyedSingleton<IStoragePlugin, RbdStoragePlugin>(RbdStoragePlugin.TypeName);
        services.AddSingleton(sp => sp.GetRequiredKeyedService<IStoragePlugin>(RbdStoragePlugin.TypeName));
        return services;
    }
}
