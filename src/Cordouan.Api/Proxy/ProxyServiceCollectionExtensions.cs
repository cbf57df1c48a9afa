using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Cordouan.Api.Proxy;

/// <summary>Registers request forwarding between nodes. The host registers the <see cref="ClusterTls"/> it serves with.</summary>
public static class ProxyServiceCollectionExtensions
{
    public static IServiceCollection AddNodeProxy(this IServiceCollection services)
    {
        services.AddHttpForwarder();
        services.TryAddSingleton(new NodeProxyOptions());
        services.AddSingleton<NodeAddressBook>();
        services.AddSingleton<NodeForwarder>();
        return services;
    }
}
