using Cordouan.Api.Http;
using Cordouan.Api.Proxy;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Cordouan.Api.Auth;

/// <summary>
/// Refuses cross-site websocket hijacking: a browser sends the login cookie with a websocket upgrade from any page, but
/// always names that page's <c>Origin</c>, so an upgrade whose Origin host differs from the request's own host is 403.
/// Requests without Origin (the CLI, scripts) pass: they carry their credentials on purpose. Only host names are
/// compared, not ports, since reverse proxies commonly pass <c>Host: $host</c> without the port, and cookies are not
/// port-bound anyway. Runs before the node proxy (the first node checks what the browser sent); a request a peer node
/// forwarded (its Host names us, not the browser's node) was checked by that peer.
/// </summary>
public sealed class WebSocketOriginMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, ClusterTls tls)
    {
        var request = context.Request;
        if (IsWebSocketUpgrade(context)
            && request.Headers.Origin.ToString() is { Length: > 0 } origin
            && !SameHost(origin, request.Host)
            && ProxyHeaders.TakeProxiedFrom(request, tls.IsNodeClientCertificate) is null)
        {
            await PveResult.Error(StatusCodes.Status403Forbidden, "Permission denied - websocket origin does not match the host").ExecuteAsync(context);
            return;
        }
        await next(context);
    }

    private static bool IsWebSocketUpgrade(HttpContext context) =>
        context.Request.Headers.Upgrade.Any(u => u is not null && u.Contains("websocket", StringComparison.OrdinalIgnoreCase))
        || context.Features.Get<IHttpExtendedConnectFeature>() is { IsExtendedConnect: true } connect
            && string.Equals(connect.Protocol, "websocket", StringComparison.OrdinalIgnoreCase);

    private static bool SameHost(string origin, HostString host) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri)
        && uri.Scheme is "https" or "http"
        && host.HasValue
        && string.Equals(uri.Host.Trim('[', ']'), host.Host.Trim('[', ']'), StringComparison.OrdinalIgnoreCase);
}
