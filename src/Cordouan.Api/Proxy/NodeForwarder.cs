using System.Net;
using System.Net.Http;
using System.Security.Cryptography.X509Certificates;
using Cordouan.Node.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Yarp.ReverseProxy.Forwarder;

namespace Cordouan.Api.Proxy;

/// <summary>
/// Streams one request to its owner node and the answer back (status, reason phrase, headers, body, WebSocket upgrades),
/// over one pooled mTLS client that presents this node's certificate and trusts only the cluster CA.
/// </summary>
public sealed class NodeForwarder : IDisposable
{
    private readonly IHttpForwarder _forwarder;
    private readonly HttpMessageInvoker _client;
    private readonly NodeProxyTransformer _transformer;
    private readonly ForwarderRequestConfig _request;
    private readonly ForwarderRequestConfig _upgrade;

    public NodeForwarder(IHttpForwarder forwarder, ClusterTls tls, NodeIdentity identity, NodeProxyOptions options)
    {
        _forwarder = forwarder;
        _transformer = new NodeProxyTransformer(identity.NodeName);
        _client = new HttpMessageInvoker(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            ConnectTimeout = options.ConnectTimeout,
            ActivityHeadersPropagator = null,
            SslOptions =
            {
                ClientCertificates = new X509CertificateCollection { tls.NodeCertificate },
                RemoteCertificateValidationCallback = tls.ValidateServerCertificate,
                CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            },
        }, disposeHandler: true);
        // The API speaks HTTP/1.1 only (reason phrases); asking for it exactly skips ALPN fallbacks.
        _request = new ForwarderRequestConfig
        {
            ActivityTimeout = options.IdleTimeout,
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        _upgrade = _request with { ActivityTimeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>Forwards the request; returns what to answer when it could not be (null when done or nobody is listening).</summary>
    public async Task<ProxyFailure?> ForwardAsync(HttpContext context, NodeEndpoint target)
    {
        var isUpgrade = context.Features.Get<IHttpUpgradeFeature>()?.IsUpgradableRequest == true;
        var error = await _forwarder.SendAsync(context, target.BaseAddress, _client, isUpgrade ? _upgrade : _request, _transformer);
        if (error == ForwarderError.None || context.Response.HasStarted)
        {
            return null;
        }
        return ProxyFailure.From(error, context.GetForwarderErrorFeature()?.Exception, target.Name);
    }

    public void Dispose() => _client.Dispose();
}
