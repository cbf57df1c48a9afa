using System.Net.Http;
using System.Net.Sockets;
using System.Security.Authentication;
using Cordouan.Api.Proxy;
using Yarp.ReverseProxy.Forwarder;
using Xunit;

namespace Cordouan.Api.Tests.Proxy;

public sealed class ProxyFailureTests
{
    [Fact]
    public void From_ConnectionRefused_Answers595WithPveproxyText()
    {
        var refused = new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (10.0.0.2:8006)", new SocketException((int)SocketError.ConnectionRefused));

        var failure = ProxyFailure.From(ForwarderError.Request, refused, "node1");

        Assert.Equal(new ProxyFailure(595, "Errors during connection establishment, proxy handshake: Connection refused"), failure);
    }

    [Fact]
    public void From_ConnectTimeout_Answers595TimedOut()
    {
        var timeout = new TaskCanceledException("The operation was canceled.", new TimeoutException("A connection could not be established within the configured ConnectTimeout."));

        var failure = ProxyFailure.From(ForwarderError.RequestTimedOut, timeout, "node1");

        Assert.Equal(595, failure!.StatusCode);
        Assert.EndsWith(": Connection timed out", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void From_TlsRejected_Answers596()
    {
        var tls = new HttpRequestException(HttpRequestError.SecureConnectionError, "The SSL connection could not be established", new AuthenticationException("The remote certificate was rejected"));

        var failure = ProxyFailure.From(ForwarderError.Request, tls, "node1");

        Assert.Equal(596, failure!.StatusCode);
        Assert.Contains("node 'node1'", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void From_IdleTimeoutAfterConnect_Answers596()
    {
        var failure = ProxyFailure.From(ForwarderError.RequestTimedOut, new TaskCanceledException(), "node1");

        Assert.Equal(596, failure!.StatusCode);
    }

    [Theory]
    [InlineData(ForwarderError.RequestCanceled)]
    [InlineData(ForwarderError.RequestBodyCanceled)]
    public void From_ClientWentAway_NothingToAnswer(ForwarderError error)
    {
        Assert.Null(ProxyFailure.From(error, new OperationCanceledException(), "node1"));
    }

    [Fact]
    public void UnknownNode_Answers500WithProxmoxLookupText()
    {
        var failure = ProxyFailure.UnknownNode("nosuch");

        Assert.Equal(500, failure.StatusCode);
        Assert.Equal("hostname lookup 'nosuch' failed - failed to get address info for: nosuch: Name or service not known", failure.Message);
    }
}
