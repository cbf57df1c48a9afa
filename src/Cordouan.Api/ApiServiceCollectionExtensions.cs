using Cordouan.Api.Auth;
using Cordouan.Api.Endpoints.Access;
using Cordouan.Api.Endpoints.Ceph;
using Cordouan.Api.Endpoints.Cluster;
using Cordouan.Api.Endpoints.Ha;
using Cordouan.Api.Endpoints.Internal;
using Cordouan.Api.Endpoints.Nodes;
using Cordouan.Api.Endpoints.Qemu;
using Cordouan.Api.Endpoints.Storage;
using Cordouan.Api.Endpoints.Tasks;
using Cordouan.Api.Endpoints.Telemetry;
using Cordouan.Api.Errors;
using Cordouan.Api.Http;
using Cordouan.Api.Metrics;
using Cordouan.Api.Proxy;
using Cordouan.Api.Schema;
using Cordouan.Api.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Cordouan.Api;

/// <summary>Wires the Proxmox-compatible API: middleware order, endpoints, and the 501 fallback.</summary>
public static class ApiServiceCollectionExtensions
{
    public static IServiceCollection AddCordouanApi(this IServiceCollection services)
    {
        services.AddSingleton<IAccessGuard, AccessGuard>();
        services.AddSingleton<VncSessions>();
        services.AddSingleton(_ => PveApiSchema.LoadEmbedded());
        services.AddOpenApi();
        services.AddNodeProxy();
        services.AddInternalEndpoints();
        services.AddSingleton<Node.Telemetry.IVmFigureSource, Telemetry.ProjectedVmFigures>();
        services.TryAddSingleton(new MetricsOptions());
        services.AddSingleton<MeterAggregator>();
        services.AddHostedService(sp => sp.GetRequiredService<MeterAggregator>());
        services.AddSingleton<CephHealthCache>();
        services.AddSingleton<MetricsExposition>();
        return services;
    }

    public static WebApplication MapCordouanApi(this WebApplication app)
    {
        // Prometheus' scrape path checks its own access (MetricsOptions, or a token or ticket with Sys.Audit on /).
        app.UseMiddleware<MetricsMiddleware>();
        // First: the SPA's GETs outside /api2 need no ticket and none of the API's middleware.
        if (app.Services.GetService<WebUiOptions>() is { } web)
        {
            app.UseCordouanWebUi(web);
        }
        app.UseMiddleware<PathNormalizationMiddleware>();
        app.UseMiddleware<PveErrorMiddleware>();
        app.UseMiddleware<WebSocketOriginMiddleware>();
        // Authenticate before proxying: an anonymous request for another node's path is refused here; a forwarded one
        // still carries the caller's credentials, and the owner node authenticates it again.
        app.UseMiddleware<AuthenticationMiddleware>();
        app.UseMiddleware<NodeProxyMiddleware>();
        app.UseWebSockets();
        app.UseMiddleware<StaleStateMiddleware>();
        // Proxmox's rest_handler order: permissions from the method's schema, then parameter validation, then the handler.
        app.UseMiddleware<SchemaEnforcementMiddleware>();
        VersionEndpoints.Map(app);
        AccessEndpoints.Map(app);
        ClusterEndpoints.Map(app);
        ClusterConfigEndpoints.Map(app);
        HaEndpoints.Map(app);
        HaStatusEndpoints.Map(app);
        NodeEndpoints.Map(app);
        QemuEndpoints.Map(app);
        StorageEndpoints.Map(app);
        CephEndpoints.Map(app);
        TaskEndpoints.Map(app);
        RrdDataEndpoints.Map(app);
        MetricServerEndpoints.Map(app);
        InternalEndpoints.Map(app);
        app.MapOpenApi("/api2/openapi.json");
        app.MapFallback((HttpContext http) =>
            PveResult.Error(StatusCodes.Status501NotImplemented, $"Method '{http.Request.Method} {http.Request.Path.Value?.Replace("/api2/json", "", StringComparison.Ordinal)}' not implemented"))
            .WithMetadata(new UnservedMethodMetadata());
        return app;
    }
}
