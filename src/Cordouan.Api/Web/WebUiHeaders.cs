using Microsoft.AspNetCore.Http;

namespace Cordouan.Api.Web;

/// <summary>Security and cache headers of every web UI response (never of /api2).</summary>
public static class WebUiHeaders
{
    /// <summary>
    /// Everything from this origin only. <c>connect-src 'self'</c> also covers ws:/wss: to the same host (CSP 3), which is what
    /// the consoles use, and still holds behind a reverse proxy whose host we cannot know. Styles allow 'unsafe-inline' because
    /// xterm.js's DOM renderer injects &lt;style&gt; elements for its theme and noVNC sets its cursor as a data: URL; scripts never
    /// run inline (Vite bundles them into /assets).
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; "
        + "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>Vite names files under assets/ by content hash: they never change, so caches may keep them for a year.</summary>
    public const string ImmutableCache = "public, max-age=31536000, immutable";

    /// <summary>index.html names the current hashed assets: always revalidate it (ETag), so an upgrade is seen on the next load.</summary>
    public const string Revalidate = "no-cache";

    public static void Apply(HttpResponse response)
    {
        var headers = response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers["Referrer-Policy"] = "no-referrer";
    }

    public static bool IsHashedAsset(PathString path) => path.StartsWithSegments("/assets", StringComparison.Ordinal);
}
