using Cordouan.Api.Proxy;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace Cordouan.Api.Tests.Proxy;

public sealed class ProxyHeadersTests
{
    [Fact]
    public void TakeProxiedFrom_NoClientCertificate_StripsHeader()
    {
        var context = new DefaultHttpContext();
        context.Request.Headers[ProxyHeaders.ProxiedFrom] = "node9";

        var from = ProxyHeaders.TakeProxiedFrom(context.Request, _ => true);

        Assert.Null(from);
        Assert.False(context.Request.Headers.ContainsKey(ProxyHeaders.ProxiedFrom));
    }

    [Fact]
    public void TakeProxiedFrom_CertificateNotFromCluster_StripsHeader()
    {
        using var pki = TestPki.Create();
        var context = new DefaultHttpContext();
        context.Connection.ClientCertificate = pki.ForeignNode;
        context.Request.Headers[ProxyHeaders.ProxiedFrom] = "node9";

        var from = ProxyHeaders.TakeProxiedFrom(context.Request, pki.Tls.IsNodeClientCertificate);

        Assert.Null(from);
        Assert.False(context.Request.Headers.ContainsKey(ProxyHeaders.ProxiedFrom));
    }

    [Fact]
    public void TakeProxiedFrom_NodeCertificate_KeepsHeaderAndReturnsNode()
    {
        using var pki = TestPki.Create();
        var context = new DefaultHttpContext();
        context.Connection.ClientCertificate = pki.PeerNode;
        context.Request.Headers[ProxyHeaders.ProxiedFrom] = "node2";

        var from = ProxyHeaders.TakeProxiedFrom(context.Request, pki.Tls.IsNodeClientCertificate);

        Assert.Equal("node2", from);
        Assert.Equal("node2", context.Request.Headers[ProxyHeaders.ProxiedFrom].ToString());
    }

    [Fact]
    public void TakeProxiedFrom_NoHeader_ReturnsNullWithoutCheckingCertificate()
    {
        var context = new DefaultHttpContext();

        Assert.Null(ProxyHeaders.TakeProxiedFrom(context.Request, _ => throw new InvalidOperationException("not needed")));
    }
}
