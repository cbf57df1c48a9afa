using System.Net;
using System.Net.WebSockets;
using Cordouan.Integration.Tests.Fixtures;
using Cordouan.Testing.Daemon;
using Xunit;
using VmApi = Cordouan.Integration.Tests.Fixtures.Vms;

namespace Cordouan.Integration.Tests.Consoles;

/// <summary>
/// Issue 17: a console websocket opened from another site's page (the browser adds the login cookie on its own) is refused
/// on its Origin; the same request from the node's own pages, or from the CLI (no Origin), reaches the handler.
/// </summary>
[Collection("node")]
public sealed class SerialWebSocketOriginTests(SharedNode shared)
{
    private const int VmId = 473;

    [Fact]
    public async Task SerialWebSocket_ForeignOrigin_Returns403BeforeTheHandler()
    {
        var ct = TestContext.Current.CancellationToken;
        await shared.Admin.RunTaskAsync(HttpMethod.Post, $"/nodes/{shared.Node.NodeName}/qemu", new() { ["vmid"] = "473", ["memory"] = "64" }, ct);
        try
        {
            Assert.Equal(HttpStatusCode.Forbidden, await UpgradeStatusAsync("https://evil.example", ct));
            Assert.Equal(HttpStatusCode.Forbidden, await UpgradeStatusAsync("null", ct));
            // Past the Origin check, the handler answers: the VM is stopped.
            Assert.Equal(HttpStatusCode.InternalServerError, await UpgradeStatusAsync($"https://{shared.Node.Address}:{shared.Node.ApiPort}", ct));
            Assert.Equal(HttpStatusCode.InternalServerError, await UpgradeStatusAsync(null, ct));
        }
        finally
        {
            await VmApi.DestroyAsync(shared.Admin, shared.Node.NodeName, VmId, ct);
        }
    }

    private async Task<HttpStatusCode> UpgradeStatusAsync(string? origin, CancellationToken ct)
    {
        using var socket = new ClientWebSocket();
        using var handler = PveHttp.PinnedHandler(shared.Node.CertificatePem);
        using var invoker = new HttpMessageInvoker(handler, disposeHandler: false);
        socket.Options.HttpVersion = HttpVersion.Version11;
        socket.Options.HttpVersionPolicy = HttpVersionPolicy.RequestVersionExact;
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.SetRequestHeader("Cookie", "PVEAuthCookie=" + Uri.EscapeDataString(shared.Admin.Ticket!));
        if (origin is not null)
        {
            socket.Options.SetRequestHeader("Origin", origin);
        }
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(20));
        var uri = new Uri($"wss://{shared.Node.Address}:{shared.Node.ApiPort}/api2/json/nodes/{shared.Node.NodeName}/qemu/{VmId}/serialwebsocket");
        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(uri, invoker, deadline.Token));
        return socket.HttpStatusCode;
    }
}
