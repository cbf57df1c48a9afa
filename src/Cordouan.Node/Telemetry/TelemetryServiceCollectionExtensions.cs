using Cordouan.Node.Telemetry.Rrd;
using Microsoft.Extensions.DependencyInjection;

namespace Cordouan.Node.Telemetry;

/// <summary>Registers the history store and the collector; the host registers an <see cref="IVmFigureSource"/>.</summary>
public static class TelemetryServiceCollectionExtensions
{
    public static IServiceCollection AddTelemetry(this IServiceCollection services)
    {
        services.AddSingleton<RrdStore>();
        services.AddSingleton<HostSampler>();
        services.AddSingleton<TelemetryCollector>();
        services.AddHostedService(sp => sp.GetRequiredService<TelemetryCollector>());
        services.AddSingleton<MetricServers.MetricServerRepository>();
        services.AddSingleton<MetricServers.MetricServerSender>();
        services.AddHostedService(sp => sp.GetRequiredService<MetricServers.MetricServerSender>());
        return services;
    }
}
