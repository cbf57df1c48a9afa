using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Forwarder;

namespace Cordouan.Api.Proxy;

/// <summary>
/// Forwards the request as the client sent it (method, path, query, body, Authorization, Cookie, CSRFPreventionToken):
/// the owner node authenticates the user itself. Adds who forwarded it; the Host header names the owner, not us.
/// </summary>
public sealed class NodeProxyTransformer(string localNode) : HttpTransformer
{
    public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
    {
        await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);
        proxyRequest.Headers.Host = null;
        proxyRequest.Headers.Remove(ProxyHeaders.ProxiedFrom);
        proxyRequest.Headers.TryAddWithoutValidation(ProxyHeaders.ProxiedFrom, localNode);
    }
}
