using System.Net;
using System.Net.WebSockets;
using Cordouan.Client.Credentials;
using Cordouan.Client.Errors;
using Cordouan.Client.Requests;

namespace Cordouan.Client;

public sealed partial class CordouanClient
{
    /// <summary>
    /// Opens the Cordouan serial-console WebSocket of a VM (<c>GET …/qemu/{vmid}/serialwebsocket</c>); binary frames
    /// carry the raw bytes of the VM's first serial port both ways. The caller owns (and disposes) the socket.
    /// </summary>
    public async Task<ClientWebSocket> OpenSerialConsoleAsync(string node, int vmid, CancellationToken cancellationToken)
    {
        var scheme = BaseAddress.Scheme == Uri.UriSchemeHttps ? "wss" : "ws";
        var uri = new Uri($"{scheme}://{BaseAddress.Authority}/api2/json/{ApiRequests.SerialWebSocketPath(node, vmid)}");
        var socket = new ClientWebSocket();
        try
        {
            socket.Options.HttpVersion = HttpVersion.Version11;
            socket.Options.HttpVersionPolicy = HttpVersionPolicy.RequestVersionExact;
            socket.Options.RemoteCertificateValidationCallback = _certificates.Validate;
            socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(30);
            socket.Options.CollectHttpResponseDetails = true;
            switch (Credentials)
            {
                case TicketCredentials ticket:
                    socket.Options.SetRequestHeader("Cookie", $"{CookieName}={Uri.EscapeDataString(ticket.Ticket)}");
                    break;
                case ApiTokenCredentials token:
                    socket.Options.SetRequestHeader("Authorization", "PVEAPIToken=" + token.Token);
                    break;
            }
            await socket.ConnectAsync(uri, cancellationToken);
            return socket;
        }
        catch (WebSocketException ex)
        {
            var status = (int)socket.HttpStatusCode;
            socket.Dispose();
            if (status >= 400)
            {
                throw new CordouanApiException(status, $"Failed to open the serial console of VM {vmid} on {node}");
            }
            throw ConnectionFailure(ex);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
