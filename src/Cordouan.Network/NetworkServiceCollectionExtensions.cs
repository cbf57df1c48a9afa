using Cordouan.Core.Network;
using Cordouan.Network.Links;
using Cordouan.Network.Nat;
using Cordouan.Platform.Processes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cordouan.Network;

public static class NetworkServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="LinuxHostNetwork"/> (iproute2, tc, nftables and dnsmasq in the daemon's own namespace) as
    /// this node's <see cref="IHostNetwork"/>; NAT bridges keep their files under <paramref name="dataDirectory"/>.
    /// </summary>
    public static IServiceCollection AddHostNetwork(this IServiceCollection services, string dataDirectory)
    {
        services.AddSingleton(sp => new IpTool(new ProcessRunner()));
        services.AddSingleton(sp => new DnsmasqSupervisor(
            new ProcessRunner(), Path.Combine(dataDirectory, "network", "dnsmasq"), TimeProvider.System, sp.GetRequiredService<ILogger<DnsmasqSupervisor>>()));
        services.AddHostedService(sp => sp.GetRequiredService<DnsmasqSupervisor>());
        services.AddSingleton<LinuxHostNetwork>();
        services.AddSingleton<IHostNetwork>(sp => sp.GetRequiredService<LinuxHostNetwork>());
        return services;
    }
}
