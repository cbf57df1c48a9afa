using Cordouan.Core.Cluster;
using Microsoft.AspNetCore.Http;

namespace Cordouan.Api.Http;

/// <summary>
/// While this node has no quorum its answers come from its last known state: every response then carries
/// <c>X-Cordouan-Stale: 1</c> and <c>X-Cordouan-Stale-Reason</c>, so clients and the CLI can say so.
/// </summary>
public sealed class StaleStateMiddleware(RequestDelegate next, IQuorumState quorum)
{
    public const string Header = "X-Cordouan-Stale";

    public Task InvokeAsync(HttpContext context)
    {
        if (!quorum.IsQuorate)
        {
            context.Response.Headers[Header] = "1";
            context.Response.Headers[Header + "-Reason"] = quorum.Reason;
        }
        return next(context);
    }
}
