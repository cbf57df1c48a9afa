using Cordouan.Api.Http;
using Cordouan.Core.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Cordouan.Api.Errors;

/// <summary>Maps every expected failure, once, to Proxmox's status codes and error shape (see spec §1 Errors).</summary>
public sealed partial class PveErrorMiddleware(RequestDelegate next, ILogger<PveErrorMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (Exception e) when (!context.Response.HasStarted && e is CordouanException or BadHttpRequestException or System.Text.Json.JsonException)
        {
            await ToResult(e).ExecuteAsync(context);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nothing to answer.
        }
        catch (Exception e) when (!context.Response.HasStarted && e is not OutOfMemoryException)
        {
            LogUnexpected(logger, context.Request.Method, context.Request.Path, e);
            await PveResult.Error(StatusCodes.Status500InternalServerError, $"internal error: {e.Message}").ExecuteAsync(context);
        }
    }

    /// <summary>The Proxmox answer for one exception.</summary>
    public static PveResult ToResult(Exception e) => e switch
    {
        ValidationException v => PveResult.Error(StatusCodes.Status400BadRequest, "Parameter verification failed.", v.Errors),
        PermissionDeniedException => PveResult.Error(StatusCodes.Status403Forbidden, e.Message),
        ForbiddenException => PveResult.Error(StatusCodes.Status403Forbidden, e.Message),
        QuorumLostException => PveResult.Error(StatusCodes.Status503ServiceUnavailable, e.Message),
        BadHttpRequestException or System.Text.Json.JsonException => PveResult.Error(StatusCodes.Status400BadRequest, $"malformed request: {e.Message}"),
        Access.AuthenticationFailedException => PveResult.Error(StatusCodes.Status401Unauthorized, e.Message),
        _ => PveResult.Error(StatusCodes.Status500InternalServerError, e.Message),
    };

    [LoggerMessage(EventId = 4001, Level = LogLevel.Error, Message = "Unexpected error serving {Method} {Path}")]
    private static partial void LogUnexpected(ILogger logger, string method, PathString path, Exception exception);
}
