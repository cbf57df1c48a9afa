using System.Net.Sockets;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Http;

namespace Cordouan.Api.Endpoints.Qemu;

/// <summary>
/// Accepts the request's websocket and relays bytes between it and a connected unix socket (a QEMU serial or VNC socket):
/// binary frames both ways, until either side closes or <c>cancellationToken</c> fires. Shared by every console endpoint.
/// </summary>
public static class WebSocketRelay
{
    public static async Task RunAsync(HttpContext http, Socket target, CancellationToken cancellationToken)
    {
        // noVNC and xterm.js clients ask for the "binary" subprotocol; plain clients (cord) ask for none.
        var subProtocol = http.WebSockets.WebSocketRequestedProtocols.Contains("binary") ? "binary" : null;
        using var socket = await http.WebSockets.AcceptWebSocketAsync(subProtocol);
        using var done = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, cancellationToken);
        var toClient = PumpToClientAsync(target, socket, done.Token);
        var toTarget = PumpToTargetAsync(socket, target, done.Token);
        await Task.WhenAny(toClient, toTarget);
        await done.CancelAsync();
        await Task.WhenAll(toClient, toTarget).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        // Open: the VM side ended; CloseReceived: the client asked to close and waits for our close frame.
        if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            using var closeTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "console closed", closeTimeout.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>Connects to a unix socket (the caller owns the returned socket).</summary>
    public static async Task<Socket> ConnectAsync(string path, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), cancellationToken);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static async Task PumpToClientAsync(Socket target, WebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[16384];
        while (!cancellationToken.IsCancellationRequested)
        {
            var read = await target.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
            if (read == 0)
            {
                return;
            }
            await socket.SendAsync(buffer.AsMemory(0, read), WebSocketMessageType.Binary, true, cancellationToken);
        }
    }

    private static async Task PumpToTargetAsync(WebSocket socket, Socket target, CancellationToken cancellationToken)
    {
        var buffer = new byte[16384];
        while (!cancellationToken.IsCancellationRequested)
        {
            var result = await socket.ReceiveAsync(buffer, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return;
            }
            await target.SendAsync(buffer.AsMemory(0, result.Count), SocketFlags.None, cancellationToken);
        }
    }
}
