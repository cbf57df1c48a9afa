using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Cordouan.Api.Web;

/// <summary>
/// Front of the web UI branch: security headers, a clear 404 when no UI is installed, and the SPA fallback (any GET that
/// names no file and is not under /assets is the app itself; the app routes with #hashes, so this is only for typed URLs).
/// </summary>
public sealed partial class WebUiMiddleware
{
    private readonly RequestDelegate _next;
    private readonly WebUiOptions _options;
    private readonly bool _installed;

    public WebUiMiddleware(RequestDelegate next, WebUiOptions options, ILogger<WebUiMiddleware> logger)
    {
        _next = next;
        _options = options;
        // Checked once: installing a UI means restarting the daemon, as any upgrade does.
        _installed = File.Exists(options.IndexPath);
        if (!_installed)
        {
            LogNotInstalled(logger, options.IndexPath);
        }
    }

    public Task InvokeAsync(HttpContext context)
    {
        WebUiHeaders.Apply(context.Response);
        if (!_installed)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            context.Response.ContentType = "text/plain; charset=utf-8";
            return context.Response.WriteAsync(
                $"The Cordouan web interface is not installed: {_options.IndexPath} does not exist. "
                + "Build it with scripts/build-web.sh, or start cordouand with --web-root DIR. The API is at /api2/json.\n",
                context.RequestAborted);
        }
        // Routing ran first and chose the API's 501 fallback for this path; the static file middleware serves nothing
        // while an endpoint is set, and here the file is the answer.
        context.SetEndpoint(null);
        var path = context.Request.Path;
        if (!WebUiHeaders.IsHashedAsset(path) && (path == "/" || !File.Exists(Resolve(path))))
        {
            context.Request.Path = "/index.html";
        }
        return _next(context);
    }

    private string Resolve(PathString path)
    {
        var full = Path.GetFullPath(Path.Combine(_options.Root, (path.Value ?? "").TrimStart('/')));
        // Outside the root ("..") is no file of ours; the static file middleware refuses it anyway.
        return full.StartsWith(Path.GetFullPath(_options.Root) + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? full : "";
    }

    [LoggerMessage(EventId = 4200, Level = LogLevel.Warning, Message = "Web interface not installed: {Index} does not exist; / answers 404 (build it with scripts/build-web.sh or pass --web-root)")]
    private static partial void LogNotInstalled(ILogger logger, string index);
}
