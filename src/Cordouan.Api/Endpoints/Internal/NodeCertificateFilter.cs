using Cordouan.Api.Http;
using Cordouan.Api.Proxy;
using Microsoft.AspNetCore.Http;

namespace Cordouan.Api.Endpoints.Internal;

/// <summary>
/// Serves only peers: the TLS connection must carry a client certificate issued by the cluster CA. User tickets and
/// API tokens count for nothing here (the authentication middleware lets these paths through to this check).
/// </summary>
public sealed class NodeCertificateFilter(ClusterTls tls) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var certificate = context.HttpContext.Connection.ClientCertificate;
        if (certificate is null || !tls.IsNodeClientCertificate(certificate))
        {
            return PveResult.Error(StatusCodes.Status403Forbidden, "Permission denied - only cluster nodes (node certificate) may call internal endpoints");
        }
        return await next(context);
    }
}
