using Microsoft.AspNetCore.Http;

namespace Cordouan.Api.Http;

/// <summary>Proxmox splits paths on '/' and drops empty segments: <c>…/snapshot/</c> and <c>//</c> are legal.</summary>
public sealed class PathNormalizationMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value;
        if (path is not null && path.Length > 1 && (path.EndsWith('/') || path.Contains("//", StringComparison.Ordinal)))
        {
            var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
            context.Request.Path = new PathString("/" + string.Join('/', segments));
        }
        return next(context);
    }
}
