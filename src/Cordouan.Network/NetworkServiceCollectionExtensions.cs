using Cordouan.Core.Network;
using Cordouan.Network.Links;
using Cordouan.Platform.Processes;
using Microsoft.Extensions.DependencyInjection;

namespace Cordouan.Network;

public static class NetworkServiceCollectionExtensions
{
    /// <summary>Registers <see cref="LinuxHostNetwork"/> (iproute2 and tc in the daemon's own namespace) as this node's <see cref="IHostNetwork"/>.</summary>
    public static IServiceCollection AddHostNetwork(this IServiceCollection services)
    {
        services.AddSingleton(sp => new IpTool(new ProcessRunner()));
        services.AddSingleton<LinuxHostNetwork>();
        services.AddSingleton<IHostNetwork>(sp => sp.GetRequiredService<LinuxHostNetwork>());
        return services;
    }
}
