using Cordouan.Core.Vms;
using Cordouan.Core.Vms.Migration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Cordouan.Qemu;

public static class QemuServiceCollectionExtensions
{
    /// <summary>Registers <see cref="QemuVmDriver"/> as this node's <see cref="IVmDriver"/> (a singleton).</summary>
    public static IServiceCollection AddQemuDriver(this IServiceCollection services, QemuOptions options)
    {
        QemuOptionsValidator.ThrowIfInvalid(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        services.AddSingleton<QemuVmDriver>();
        services.AddSingleton<IVmDriver>(sp => sp.GetRequiredService<QemuVmDriver>());
        services.AddSingleton<IVmMigrationDriver>(sp => sp.GetRequiredService<QemuVmDriver>());
        return services;
    }
}
