using Cordouan.Access;
using Cordouan.Access.Tokens;
using Cordouan.Access.Tickets;
using Cordouan.Api.Auth;
using Cordouan.Api.Http;
using Microsoft.AspNetCore.Http;

namespace Cordouan.Api.Metrics;

/// <summary>
/// <c>GET /metrics</c> on the API port, Prometheus' text format. Not a Proxmox path, so it checks access itself: a
/// caller from an allowed network (<see cref="MetricsOptions"/>), or one presenting an API token or a ticket with
/// <c>Sys.Audit</c> on <c>/</c>; anyone else gets 401 (no or bad credentials) or 403. It never carries a secret.
/// </summary>
public sealed class MetricsMiddleware(RequestDelegate next, MetricsOptions options)
{
    public const string Path = "/metrics";

    public async Task InvokeAsync(HttpContext context, TicketService tickets, ApiTokenService tokens, IAccessGuard guard, MetricsExposition exposition)
    {
        if (!context.Request.Path.Equals(Path, StringComparison.Ordinal))
        {
            await next(context);
            return;
        }
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            await PveResult.Error(StatusCodes.Status405MethodNotAllowed, "Method not allowed").ExecuteAsync(context);
            return;
        }
        if (!options.Allows(context.Connection.RemoteIpAddress) && await RefusalAsync(context, tickets, tokens, guard) is { } refusal)
        {
            await refusal.ExecuteAsync(context);
            return;
        }
        var text = await exposition.WriteAsync(context.RequestAborted);
        context.Response.ContentType = PrometheusText.ContentType;
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.WriteAsync(text, context.RequestAborted);
    }

    private static async Task<IResult?> RefusalAsync(HttpContext context, TicketService tickets, ApiTokenService tokens, IAccessGuard guard)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        var ticket = authorization.StartsWith("PVEAuthCookie=", StringComparison.Ordinal)
            ? Uri.UnescapeDataString(authorization["PVEAuthCookie=".Length..])
            : context.Request.Cookies.TryGetValue("PVEAuthCookie", out var cookie) && cookie.Length > 0 ? Uri.UnescapeDataString(cookie) : null;
        var isToken = authorization.StartsWith("PVEAPIToken", StringComparison.Ordinal);
        if (!isToken && ticket is null)
        {
            return PveResult.Error(StatusCodes.Status401Unauthorized, "No ticket");
        }
        AccessIdentity caller;
        try
        {
            caller = isToken ? await tokens.AuthenticateAsync(authorization, context.RequestAborted) : await tickets.AuthenticateAsync(ticket, context.RequestAborted);
        }
        catch (AuthenticationFailedException)
        {
            return PveResult.Error(StatusCodes.Status401Unauthorized, "Authentication failed!");
        }
        return await guard.HasAsync(caller, "/", "Sys.Audit", context.RequestAborted)
            ? null
            : PveResult.Error(StatusCodes.Status403Forbidden, "Permission check failed (/, Sys.Audit)");
    }
}
