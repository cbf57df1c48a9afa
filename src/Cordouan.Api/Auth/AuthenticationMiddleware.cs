using Cordouan.Access;
using Cordouan.Access.Tickets;
using Cordouan.Access.Tokens;
using Cordouan.Api.Http;
using Microsoft.AspNetCore.Http;

namespace Cordouan.Api.Auth;

/// <summary>
/// Authenticates every request except <c>GET /version</c>, <c>GET /access/domains</c> (the login page's realm
/// list, world-readable in Proxmox too) and <c>POST /access/ticket</c>: an API token
/// (<c>Authorization: PVEAPIToken=…</c>, no CSRF), or a ticket from the <c>PVEAuthCookie</c> cookie or the
/// <c>Authorization: PVEAuthCookie=…</c> header, with the <c>CSRFPreventionToken</c> header on every non-GET.
/// </summary>
public sealed class AuthenticationMiddleware(RequestDelegate next)
{
    private const string CookieName = "PVEAuthCookie";

    public async Task InvokeAsync(HttpContext context, TicketService tickets, ApiTokenService tokens)
    {
        if (IsAnonymousRoute(context.Request))
        {
            await next(context);
            return;
        }
        var ct = context.RequestAborted;
        var authorization = context.Request.Headers.Authorization.ToString();
        var isToken = authorization.StartsWith("PVEAPIToken", StringComparison.Ordinal);
        var ticket = isToken ? null : TicketFrom(context.Request, authorization);
        if (!isToken && ticket is null)
        {
            await PveResult.Error(StatusCodes.Status401Unauthorized, "No ticket").ExecuteAsync(context);
            return;
        }
        AccessIdentity identity;
        try
        {
            identity = isToken ? await tokens.AuthenticateAsync(authorization, ct) : await tickets.AuthenticateAsync(ticket, ct);
        }
        catch (AuthenticationFailedException)
        {
            await PveResult.Error(StatusCodes.Status401Unauthorized, "Authentication failed!").ExecuteAsync(context);
            return;
        }
        // API tokens are exempt from CSRF (they are not sent by browsers on their own).
        if (!isToken && !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method)
            && !await tickets.VerifyCsrfTokenAsync(identity.UserId, context.Request.Headers["CSRFPreventionToken"].ToString(), ct))
        {
            await PveResult.Error(StatusCodes.Status401Unauthorized, "Permission denied - invalid csrf token").ExecuteAsync(context);
            return;
        }
        context.SetCaller(identity);
        await next(context);
    }

    private static bool IsAnonymousRoute(HttpRequest request) =>
        (HttpMethods.IsGet(request.Method) && request.Path.Equals("/api2/json/version", StringComparison.Ordinal))
        || (HttpMethods.IsGet(request.Method) && request.Path.Equals("/api2/json/access/domains", StringComparison.Ordinal))
        || (HttpMethods.IsPost(request.Method) && request.Path.Equals("/api2/json/access/ticket", StringComparison.Ordinal))
        // Node-to-node calls carry no user ticket: their endpoints demand a cluster node certificate instead (NodeCertificateFilter).
        || request.Path.StartsWithSegments(Endpoints.Internal.InternalPaths.Prefix, StringComparison.Ordinal);

    private static string? TicketFrom(HttpRequest request, string authorization)
    {
        if (authorization.StartsWith(CookieName + "=", StringComparison.Ordinal))
        {
            return Uri.UnescapeDataString(authorization[(CookieName.Length + 1)..]);
        }
        return request.Cookies.TryGetValue(CookieName, out var cookie) && cookie.Length > 0 ? Uri.UnescapeDataString(cookie) : null;
    }
}
