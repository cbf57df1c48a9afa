using System.IO.Compression;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;

namespace Cordouan.Api.Web;

/// <summary>Serves the SPA at / without authentication (it holds no data; every API call it makes is authenticated).</summary>
public static class WebUiApplicationBuilderExtensions
{
    public static IServiceCollection AddCordouanWebUi(this IServiceCollection services, WebUiOptions options)
    {
        services.AddSingleton(options);
        services.AddResponseCompression(compression =>
        {
            compression.EnableForHttps = true; // only our own static files go through it; they hold no secret (BREACH)
            compression.Providers.Add<BrotliCompressionProvider>();
            compression.Providers.Add<GzipCompressionProvider>();
        });
        // Fastest: the bundle is compressed on each cold load, on a host that also runs VMs.
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        return services;
    }

    /// <summary>A terminal branch for GET/HEAD outside /api2; everything else goes on to the API as before.</summary>
    public static IApplicationBuilder UseCordouanWebUi(this IApplicationBuilder app, WebUiOptions options)
    {
        return app.MapWhen(IsWebRequest, web =>
        {
            web.UseResponseCompression();
            web.UseMiddleware<WebUiMiddleware>();
            if (Directory.Exists(options.Root))
            {
                web.UseStaticFiles(new StaticFileOptions
                {
                    FileProvider = new PhysicalFileProvider(Path.GetFullPath(options.Root)),
                    OnPrepareResponse = file => file.Context.Response.Headers.CacheControl =
                        WebUiHeaders.IsHashedAsset(file.Context.Request.Path) ? WebUiHeaders.ImmutableCache : WebUiHeaders.Revalidate,
                });
            }
            web.Run(context =>
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            });
        });
    }

    private static bool IsWebRequest(HttpContext context) =>
        (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
        && !context.Request.Path.StartsWithSegments("/api2", StringComparison.Ordinal);
}
