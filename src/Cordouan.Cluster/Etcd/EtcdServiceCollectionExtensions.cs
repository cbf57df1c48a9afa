using Cordouan.Cluster.Locks;
using Cordouan.Core.Cluster;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Cordouan.Cluster.Etcd;

/// <summary>DI registration of the etcd adapter.</summary>
public static class EtcdServiceCollectionExtensions
{
    /// <summary>Registers <see cref="EtcdClusterStore"/> as the <see cref="IClusterStore"/>, plus <see cref="ClusterLock"/>.</summary>
    public static IServiceCollection AddEtcdClusterStore(this IServiceCollection services, EtcdClientOptions options)
    {
        ThrowIfInvalid<EtcdClientOptions>(EtcdClientOptionsValidator.Check(options));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        services.AddSingleton<EtcdClusterStore>();
        services.AddSingleton<IClusterStore>(provider => provider.GetRequiredService<EtcdClusterStore>());
        services.TryAddSingleton<ClusterLock>();
        services.AddSingleton<EtcdQuorumMonitor>();
        services.AddSingleton<IQuorumState>(provider => provider.GetRequiredService<EtcdQuorumMonitor>());
        services.AddHostedService(provider => provider.GetRequiredService<EtcdQuorumMonitor>());
        return services;
    }

    /// <summary>Registers the supervised local <see cref="EtcdMember"/> as a hosted service (register it before its users).</summary>
    public static IServiceCollection AddEtcdMember(this IServiceCollection services, EtcdMemberOptions options)
    {
        ThrowIfInvalid<EtcdMemberOptions>(EtcdMemberOptionsValidator.Check(options));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        services.AddSingleton<EtcdMember>();
        services.AddHostedService(provider => provider.GetRequiredService<EtcdMember>());
        return services;
    }

    private static void ThrowIfInvalid<TOptions>(IReadOnlyList<string> errors)
    {
        if (errors.Count > 0)
        {
            throw new OptionsValidationException(typeof(TOptions).Name, typeof(TOptions), errors);
        }
    }
}
