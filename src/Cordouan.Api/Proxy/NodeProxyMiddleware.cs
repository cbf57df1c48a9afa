using Cordouan.Node.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Cordouan.Api.Proxy;

/// <summary>
/// Sends requests for another node (<c>/nodes/{node}/…</c>, see <see cref="ProxyPaths"/>) to that node, after
/// authentication (an anonymous caller never reaches a peer); tickets and API tokens are valid cluster-wide and the owner
/// authenticates them again and checks permissions itself. Requests a peer
/// forwarded (<see cref="ProxyHeaders.ProxiedFrom"/> on a node-certificate connection) are never forwarded again.
/// </summary>
public sealed partial class NodeProxyMiddleware(
    RequestDelegate next,
    NodeIdentity identity,
    NodeAddressBook nodes,
    NodeForwarder forwarder,
    ClusterTls tls,
    ILogger<NodeProxyMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var forwardedBy = ProxyHeaders.TakeProxiedFrom(request, tls.IsNodeClientCertificate);
        if (!ProxyPaths.TryGetNode(request.Path, out var node) || node == identity.NodeName)
        {
            await next(context);
            return;
        }
        if (forwardedBy is not null)
        {
            LogLoop(logger, request.Method, request.Path, node, forwardedBy);
            await ProxyFailure.Loop(node, forwardedBy, identity.NodeName).ToResult().ExecuteAsync(context);
            return;
        }
        var target = await nodes.FindAsync(node, context.RequestAborted);
        if (target is null)
        {
            await ProxyFailure.UnknownNode(node).ToResult().ExecuteAsync(context);
            return;
        }
        LogForwarding(logger, request.Method, request.Path, node, target.BaseAddress);
        if (await forwarder.ForwardAsync(context, target) is { } failure)
        {
            LogFailed(logger, request.Method, request.Path, node, failure.StatusCode, failure.Message);
            context.Response.Clear();
            await failure.ToResult().ExecuteAsync(context);
        }
    }
}
