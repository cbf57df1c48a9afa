using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Cordouan.Cluster.Etcd;

/// <summary>Turns gateway error bodies and HTTP failures into <see cref="EtcdUnavailableException"/> or <see cref="EtcdRequestException"/>.</summary>
internal static class EtcdErrors
{
    private const int Unavailable = 14;
    private const int ResourceExhausted = 8;

    /// <summary>Classifies an etcd error by gRPC code and message.</summary>
    public static Exception FromStatus(Uri endpoint, int grpcCode, string message)
    {
        if (message.Contains("no leader", StringComparison.Ordinal))
        {
            // Rejected by the require-leader check before anything was proposed.
            return new EtcdUnavailableException($"no leader (etcd at {Trim(endpoint)}: {message})", maybeApplied: false);
        }
        if (grpcCode == Unavailable)
        {
            var notApplied = message.Contains("not capable", StringComparison.Ordinal);
            return new EtcdUnavailableException($"etcd at {Trim(endpoint)} unavailable: {message}", maybeApplied: !notApplied);
        }
        if (grpcCode == ResourceExhausted && message.Contains("too many requests", StringComparison.Ordinal))
        {
            return new EtcdUnavailableException($"etcd at {Trim(endpoint)} overloaded: {message}", maybeApplied: false);
        }
        return new EtcdRequestException(Trim(endpoint), grpcCode, message);
    }

    /// <summary>Reads the unary (<c>{"error":"…","code":N}</c>) or stream (<c>{"error":{"grpc_code":N,"message":"…"}}</c>) error shape.</summary>
    public static Exception FromBody(Uri endpoint, HttpStatusCode status, byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.TryGetProperty("error", out var error))
            {
                if (error.ValueKind == JsonValueKind.Object)
                {
                    var code = error.TryGetProperty("grpc_code", out var c) ? c.GetInt32() : 2;
                    return FromStatus(endpoint, code, error.TryGetProperty("message", out var m) ? m.GetString() ?? "" : "");
                }
                var unaryCode = root.TryGetProperty("code", out var uc) ? uc.GetInt32() : 2;
                return FromStatus(endpoint, unaryCode, error.GetString() ?? "");
            }
        }
        catch (JsonException)
        {
            // Not the gateway's JSON (a proxy, or not etcd at all): report the raw text below.
        }
        var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 300)).Trim();
        return (int)status >= 500
            ? new EtcdUnavailableException($"etcd at {Trim(endpoint)} answered HTTP {(int)status}: {text}", maybeApplied: true)
            : new EtcdRequestException(Trim(endpoint), 2, $"HTTP {(int)status}: {text}");
    }

    /// <summary>A transport failure; connect-phase errors mean the request never left us.</summary>
    public static EtcdUnavailableException FromHttp(Uri endpoint, HttpRequestException exception)
    {
        var notSent = exception.HttpRequestError is HttpRequestError.ConnectionError
            or HttpRequestError.NameResolutionError
            or HttpRequestError.SecureConnectionError
            or HttpRequestError.ProxyTunnelError;
        var why = exception.InnerException is SocketException socket ? socket.Message : exception.Message;
        return new EtcdUnavailableException($"etcd at {Trim(endpoint)} unreachable: {why}", maybeApplied: !notSent, exception);
    }

    public static EtcdUnavailableException Timeout(Uri endpoint, TimeSpan timeout) =>
        new($"etcd at {Trim(endpoint)} did not answer within {timeout.TotalSeconds:0.#} s", maybeApplied: true);

    public static EtcdUnavailableException ConnectTimeout(Uri endpoint, TimeSpan timeout) =>
        new($"etcd at {Trim(endpoint)} unreachable: no connection within {timeout.TotalSeconds:0.#} s", maybeApplied: false);

    public static string Trim(Uri endpoint) => endpoint.GetLeftPart(UriPartial.Authority);
}
