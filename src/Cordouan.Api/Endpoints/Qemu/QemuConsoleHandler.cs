using System.Net.Sockets;
using System.Net.WebSockets;
using Cordouan.Api.Auth;
using Cordouan.Api.Http;
using Cordouan.Core.Errors;
using Cordouan.Core.Vms;
using Cordouan.Node.Hosting;
using Cordouan.Node.Vms;
using Microsoft.AspNetCore.Http;

namespace Cordouan.Api.Endpoints.Qemu;

/// <summary>
/// Cordouan extension: the VM's first serial port as a WebSocket (binary frames carry raw bytes both ways).
/// Used by <c>cord console</c> and the web UI's xterm.js.
/// </summary>
public static class QemuConsoleHandler
{
    public static async Task<IResult> SerialAsync(HttpContext http, string node, string vmid, NodeIdentity identity, VmService vms, IVmDriver driver, IAccessGuard guard)
    {
        var request = await QemuRequest.ReadAsync(http, identity, guard, node, vmid, "VM.Console");
        request.Params.Validate();
        await vms.GetConfigAsync(request.VmId, http.RequestAborted);
        if (!http.WebSockets.IsWebSocketRequest)
        {
            return PveResult.Error(StatusCodes.Status400BadRequest, "websocket upgrade required");
        }
        if (await driver.GetAsync(request.VmId, http.RequestAborted) is null)
        {
            throw new VmStateException($"VM {request.VmId} not running");
        }
        using var serial = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await serial.ConnectAsync(new UnixDomainSocketEndPoint(driver.SerialSocketPath(request.VmId)), http.RequestAborted);
        // noVNC/xterm clients ask for the "binary" subprotocol; plain clients (cord) ask for none.
        var subProtocol = http.WebSockets.WebSocketRequestedProtocols.Contains("binary") ? "binary" : null;
        using var socket = await http.WebSockets.AcceptWebSocketAsync(subProtocol);
        using var done = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        var toClient = PumpSerialToClientAsync(serial, socket, done.Token);
        var toSerial = PumpClientToSerialAsync(socket, serial, done.Token);
        await Task.WhenAny(toClient, toSerial);
        await done.CancelAsync();
        await Task.WhenAll(toClient, toSerial).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (socket.State == WebSocketState.Open)
        {
            using var closeTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "console closed", closeTimeout.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        return Results.Empty;
    }

    private static async Task PumpSerialToClientAsync(Socket serial, WebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[4096];
        while (!cancellationToken.IsCancellationRequested)
        {
            var read = await serial.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
            if (read == 0)
            {
                return;
            }
            await socket.SendAsync(buffer.AsMemory(0, read), WebSocketMessageType.Binary, true, cancellationToken);
        }
    }

    private static async Task PumpClientToSerialAsync(WebSocket socket, Socket serial, CancellationToken cancellationToken)
    {
        var buffer = new byte[4096];
        while (!cancellationToken.IsCancellationRequested)
        {
            var result = await socket.ReceiveAsync(buffer, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return;
            }
            await serial.SendAsync(buffer.AsMemory(0, result.Count), SocketFlags.None, cancellationToken);
        }
    }
}
