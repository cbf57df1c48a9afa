using Cordouan.Node.Vms.Migration;
using Cordouan.Node.Vms.Migration.Live;
using Microsoft.Extensions.DependencyInjection;

namespace Cordouan.Api.Endpoints.Internal;

/// <summary>Registers migration (both ends) with its node-to-node transport over mTLS.</summary>
public static class InternalServiceCollectionExtensions
{
    public static IServiceCollection AddInternalEndpoints(this IServiceCollection services)
    {
        services.AddVmMigration();
        services.AddSingleton<PeerHttpClient>();
        services.AddSingleton<IVolumeTransfer, PeerVolumeTransfer>();
        services.AddSingleton<IMigrationPeer, PeerMigrationClient>();
        return services;
    }
}
