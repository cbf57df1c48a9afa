using System.Net.Http;
using System.Net.Sockets;
using System.Security.Authentication;
using Cordouan.Api.Http;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Forwarder;

namespace Cordouan.Api.Proxy;

/// <summary>
/// What the client sees when a request cannot be forwarded. Codes and texts are pveproxy's (AnyEvent::HTTP):
/// 595 connection establishment, 596 TLS negotiation, request sending and header processing.
/// </summary>
public sealed record ProxyFailure(int StatusCode, string Message)
{
    public const int Status595ConnectFailed = 595;
    public const int Status596RequestFailed = 596;

    public PveResult ToResult() => PveResult.Error(StatusCode, Message);

    /// <summary>Proxmox's answer for a node name with no node document (its DNS lookup would fail).</summary>
    public static ProxyFailure UnknownNode(string node) => new(
        StatusCodes.Status500InternalServerError,
        $"hostname lookup '{node}' failed - failed to get address info for: {node}: Name or service not known");

    /// <summary>A request a peer already forwarded would be forwarded again: the address of a node document is wrong.</summary>
    public static ProxyFailure Loop(string node, string forwardedBy, string localNode) => new(
        StatusCodes.Status500InternalServerError,
        $"Failed to forward request for node '{node}': node '{forwardedBy}' already forwarded it here to '{localNode}' (proxy loop; check the address of node '{node}')");

    /// <summary>The failure for a forwarder error, or null when there is nobody to answer (the client went away).</summary>
    public static ProxyFailure? From(ForwarderError error, Exception? exception, string node)
    {
        if (error is ForwarderError.RequestCanceled or ForwarderError.RequestBodyCanceled)
        {
            return null;
        }
        if (ConnectionProblem(exception) is { } why)
        {
            return new(Status595ConnectFailed, $"Errors during connection establishment, proxy handshake: {why}");
        }
        if (Find<AuthenticationException>(exception) is not null)
        {
            return new(Status596RequestFailed,
                $"Errors during TLS negotiation, request sending and header processing: TLS handshake with node '{node}' failed (certificates not issued by this cluster's CA?)");
        }
        return error switch
        {
            ForwarderError.RequestBodyClient => new(StatusCodes.Status400BadRequest, "malformed request: the request body could not be read"),
            ForwarderError.RequestTimedOut => new(Status596RequestFailed, "Errors during TLS negotiation, request sending and header processing: Connection timed out"),
            _ => new(Status596RequestFailed, $"Errors during TLS negotiation, request sending and header processing: {FirstLine(exception?.Message) ?? error.ToString()}"),
        };
    }

    /// <summary>Why no connection could be made, in the words of the C library (as pveproxy reports it), or null.</summary>
    private static string? ConnectionProblem(Exception? exception)
    {
        if (Find<SocketException>(exception) is { } socket)
        {
            return socket.SocketErrorCode switch
            {
                SocketError.ConnectionRefused => "Connection refused",
                SocketError.TimedOut => "Connection timed out",
                SocketError.HostUnreachable => "No route to host",
                SocketError.NetworkUnreachable => "Network is unreachable",
                SocketError.HostNotFound or SocketError.NoData => "Name or service not known",
                _ => FirstLine(socket.Message),
            };
        }
        // SocketsHttpHandler.ConnectTimeout surfaces as a cancellation wrapping a TimeoutException.
        if (Find<TimeoutException>(exception) is not null)
        {
            return "Connection timed out";
        }
        return Find<HttpRequestException>(exception) is { HttpRequestError: HttpRequestError.ConnectionError } http && Find<AuthenticationException>(exception) is null
            ? FirstLine(http.Message)
            : null;
    }

    private static T? Find<T>(Exception? exception)
        where T : Exception
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is T match)
            {
                return match;
            }
            if (e is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions)
                {
                    if (Find<T>(inner) is { } nested)
                    {
                        return nested;
                    }
                }
            }
        }
        return null;
    }

    private static string? FirstLine(string? text) => text?.Split('\n')[0].Trim();
}
