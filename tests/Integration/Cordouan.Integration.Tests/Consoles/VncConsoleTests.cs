using System.Net;
using System.Net.WebSockets;
using System.Text;
using Cordouan.Integration.Tests.Fixtures;
using Cordouan.Testing.Daemon;
using Xunit;
using VmApi = Cordouan.Integration.Tests.Fixtures.Vms;

namespace Cordouan.Integration.Tests.Consoles;

/// <summary>
/// The VNC console as noVNC reaches it (spec §11): vncproxy hands out a port, a PVEVNC ticket and a task; vncwebsocket
/// relays to QEMU's own VNC server, which must greet with RFB. A VM without disk is enough: QEMU, not the guest, speaks RFB.
/// </summary>
[Collection("node")]
public sealed class VncConsoleTests(SharedNode shared)
{
    private const int VmId = 471;

    [Fact]
    public async Task VncWebSocket_WithTicket_RelaysQemuRfbAndTaskEndsWithSession()
    {
        var ct = TestContext.Current.CancellationToken;
        await StartVmAsync(ct);
        try
        {
            var session = (await shared.Admin.PostAsync(VmApi.Path(shared.Node.NodeName, VmId, "/vncproxy"), new() { ["websocket"] = "1" }, ct)).EnsureOk().Data!;
            Assert.Equal("admin@pve", session["user"]!.GetValue<string>());
            Assert.StartsWith("PVEVNC:", session["ticket"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.StartsWith("-----BEGIN CERTIFICATE-----", session["cert"]!.GetValue<string>(), StringComparison.Ordinal);
            var upid = session["upid"]!.GetValue<string>();
            Assert.Contains(":vncproxy:471:", upid, StringComparison.Ordinal);
            Assert.Equal("running", await TaskStatusAsync(upid, ct));

            using var socket = await ConnectAsync(session["port"]!.GetValue<int>(), session["ticket"]!.GetValue<string>(), ct);
            Assert.Equal(HttpStatusCode.SwitchingProtocols, socket.HttpStatusCode);
            Assert.Equal("binary", socket.SubProtocol);
            Assert.Equal("RFB 003.008\n", Encoding.ASCII.GetString(await ReceiveAsync(socket, 12, ct)));
            // Our version back: QEMU offers its security types (one type, 1 = None, since only the relay reaches the socket).
            await socket.SendAsync("RFB 003.008\n"u8.ToArray(), WebSocketMessageType.Binary, true, ct);
            Assert.Equal(new byte[] { 1, 1 }, await ReceiveAsync(socket, 2, ct));

            await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", ct);
            Assert.Equal("OK", await shared.Admin.WaitForTaskAsync(upid, TimeSpan.FromSeconds(20), ct));
        }
        finally
        {
            await StopVmAsync(ct);
        }
    }

    [Fact]
    public async Task VncWebSocket_BadOrReusedTicket_Returns401()
    {
        var ct = TestContext.Current.CancellationToken;
        await StartVmAsync(ct);
        try
        {
            var session = (await shared.Admin.PostAsync(VmApi.Path(shared.Node.NodeName, VmId, "/vncproxy"), new() { ["websocket"] = "1" }, ct)).EnsureOk().Data!;
            var port = session["port"]!.GetValue<int>();
            var ticket = session["ticket"]!.GetValue<string>();
            var forged = ticket[..^6] + (ticket[^6] == 'A' ? "B" : "A") + ticket[^5..];

            Assert.Equal(HttpStatusCode.Unauthorized, await RefusedStatusAsync(port, forged, ct));
            Assert.Equal(HttpStatusCode.Unauthorized, await RefusedStatusAsync(port + 1, ticket, ct));
            using (var first = await ConnectAsync(port, ticket, ct))
            {
                Assert.Equal(HttpStatusCode.Unauthorized, await RefusedStatusAsync(port, ticket, ct));
                first.Abort();
            }
            Assert.Equal("OK", await shared.Admin.WaitForTaskAsync(session["upid"]!.GetValue<string>(), TimeSpan.FromSeconds(20), ct));
        }
        finally
        {
            await StopVmAsync(ct);
        }
    }

    [Fact]
    public async Task VncWebSocket_ForeignOrigin_Returns403AndLeavesTheTicketUnused()
    {
        var ct = TestContext.Current.CancellationToken;
        await StartVmAsync(ct);
        try
        {
            var session = (await shared.Admin.PostAsync(VmApi.Path(shared.Node.NodeName, VmId, "/vncproxy"), new() { ["websocket"] = "1" }, ct)).EnsureOk().Data!;
            var port = session["port"]!.GetValue<int>();
            var ticket = session["ticket"]!.GetValue<string>();

            // A page on another site opening the console with the victim's cookie (cross-site websocket hijacking).
            using (var hijack = await ConnectAsync(port, ticket, ct, origin: "https://evil.example"))
            {
                Assert.NotEqual(WebSocketState.Open, hijack.State);
                Assert.Equal(HttpStatusCode.Forbidden, hijack.HttpStatusCode);
            }

            using var console = await ConnectAsync(port, ticket, ct, origin: $"https://{shared.Node.Address}:{shared.Node.ApiPort}");
            Assert.Equal(HttpStatusCode.SwitchingProtocols, console.HttpStatusCode);
            Assert.Equal("RFB 003.008\n", Encoding.ASCII.GetString(await ReceiveAsync(console, 12, ct)));
            await console.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", ct);
        }
        finally
        {
            await StopVmAsync(ct);
        }
    }

    [Fact]
    public async Task VncProxy_SessionNeverOpened_TaskFailsAndTicketExpiresAfter40s()
    {
        var ct = TestContext.Current.CancellationToken;
        await StartVmAsync(ct);
        try
        {
            var session = (await shared.Admin.PostAsync(VmApi.Path(shared.Node.NodeName, VmId, "/vncproxy"), new() { ["websocket"] = "1" }, ct)).EnsureOk().Data!;
            var exit = await shared.Admin.WaitForTaskAsync(session["upid"]!.GetValue<string>(), TimeSpan.FromSeconds(60), ct);
            Assert.Equal("no websocket connected within 40 s", exit);
            Assert.Equal(HttpStatusCode.Unauthorized, await RefusedStatusAsync(session["port"]!.GetValue<int>(), session["ticket"]!.GetValue<string>(), ct));
        }
        finally
        {
            await StopVmAsync(ct);
        }
    }

    [Fact]
    public async Task VncProxy_StoppedVm_Returns500NotRunning()
    {
        var ct = TestContext.Current.CancellationToken;
        await shared.Admin.RunTaskAsync(HttpMethod.Post, $"/nodes/{shared.Node.NodeName}/qemu", new() { ["vmid"] = "472", ["memory"] = "64" }, ct);
        try
        {
            var response = await shared.Admin.PostAsync(VmApi.Path(shared.Node.NodeName, 472, "/vncproxy"), new() { ["websocket"] = "1" }, ct);
            Assert.Equal(HttpStatusCode.InternalServerError, response.Status);
            Assert.Equal("VM 472 not running", response.Reason);
        }
        finally
        {
            await VmApi.DestroyAsync(shared.Admin, shared.Node.NodeName, 472, ct);
        }
    }

    private async Task StartVmAsync(CancellationToken ct) =>
        await shared.Admin.RunTaskAsync(HttpMethod.Post, $"/nodes/{shared.Node.NodeName}/qemu", new() { ["vmid"] = "471", ["memory"] = "64", ["start"] = "1" }, ct);

    private async Task StopVmAsync(CancellationToken ct)
    {
        await VmApi.StopAsync(shared.Admin, shared.Node.NodeName, VmId, ct);
        await VmApi.DestroyAsync(shared.Admin, shared.Node.NodeName, VmId, ct);
    }

    private async Task<string> TaskStatusAsync(string upid, CancellationToken ct) =>
        (await shared.Admin.GetAsync($"/nodes/{shared.Node.NodeName}/tasks/{Uri.EscapeDataString(upid)}/status", ct)).EnsureOk().Data!["status"]!.GetValue<string>();

    private async Task<ClientWebSocket> ConnectAsync(int port, string ticket, CancellationToken ct, string? origin = null)
    {
        var socket = new ClientWebSocket();
        using var handler = PveHttp.PinnedHandler(shared.Node.CertificatePem);
        using var invoker = new HttpMessageInvoker(handler, disposeHandler: false);
        socket.Options.HttpVersion = HttpVersion.Version11;
        socket.Options.HttpVersionPolicy = HttpVersionPolicy.RequestVersionExact;
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.AddSubProtocol("binary");
        socket.Options.SetRequestHeader("Cookie", "PVEAuthCookie=" + Uri.EscapeDataString(shared.Admin.Ticket!));
        if (origin is not null)
        {
            socket.Options.SetRequestHeader("Origin", origin);
        }
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(20));
        var uri = new Uri($"wss://{shared.Node.Address}:{shared.Node.ApiPort}/api2/json/nodes/{shared.Node.NodeName}/qemu/{VmId}/vncwebsocket"
            + $"?port={port}&vncticket={Uri.EscapeDataString(ticket)}");
        try
        {
            await socket.ConnectAsync(uri, invoker, deadline.Token);
            return socket;
        }
        catch (WebSocketException)
        {
            return socket;
        }
    }

    private async Task<HttpStatusCode> RefusedStatusAsync(int port, string ticket, CancellationToken ct)
    {
        using var socket = await ConnectAsync(port, ticket, ct);
        Assert.NotEqual(WebSocketState.Open, socket.State);
        return socket.HttpStatusCode;
    }

    private static async Task<byte[]> ReceiveAsync(ClientWebSocket socket, int count, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(20));
        var buffer = new byte[count];
        var filled = 0;
        while (filled < count)
        {
            var result = await socket.ReceiveAsync(buffer.AsMemory(filled), deadline.Token);
            Assert.NotEqual(WebSocketMessageType.Close, result.MessageType);
            filled += result.Count;
        }
        return buffer;
    }
}
