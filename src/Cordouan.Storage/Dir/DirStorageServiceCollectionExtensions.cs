using Cordouan.Core.Storage;
using Cordouan.Platform.Processes;
using Cordouan.Storage.Images;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Cordouan.Storage.Dir;

/// <summary>Registers the "dir" storage plugin.</summary>
public static class DirStorageServiceCollectionExtensions
{
    /// <summary>Adds <see cref="DirStoragePlugin"/> as keyed <see cref="IStoragePlugin"/> "dir" and in the enumerable of all plugins (same instance); idempotent.</summary>
    public static IServiceCollection AddDirStorage(this IServiceCollection services)
    {
        services.TryAddSingleton<ProcessRunner>();
        services.TryAddSingleton<QemuImg>();
        services.TryAddSingleton<IIsoImageBuilder, CloudInit.GenisoimageBuilder>();
        if (services.Any(d => d.IsKeyedService && Equals(d.ServiceKey, DirStoragePlugin.TypeName) && d.ServiceType == typeof(IStoragePlugin)))
        {
            return services;
        }
        services.AddKeyedSingleton<IStoragePlugin, DirStoragePlugin>(DirStoragePlugin.TypeName);
        services.AddSingleton(sp => sp.GetRequiredKeyedService<IStoragePlugin>(DirStoragePlugin.TypeName));
        return services;
    }
}
