using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Cordouan.Node.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cordouan.Node.Telemetry.MetricServers;

/// <summary>
/// After each collector pass, sends this node's figures to every enabled metric server of the cluster: InfluxDB over
/// UDP (datagrams within the server's MTU) or HTTP(S) (v2 write API, token, bounded body), Graphite over UDP or TCP.
/// A server that fails is logged and tried again next pass; it never delays the collector for longer than its timeout.
/// </summary>
public sealed partial class MetricServerSender(
    TelemetryCollector collector,
    MetricServerRepository servers,
    NodeIdentity identity,
    ILogger<MetricServerSender> logger) : IHostedService
{
    /// <summary>Room left in a datagram for the IP and UDP headers.</summary>
    private const int HeaderBytes = 50;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        collector.Subscribe(SendAsync);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task SendAsync(TelemetrySnapshot snapshot, CancellationToken cancellationToken)
    {
        foreach (var server in (await servers.ListAsync(cancellationToken)).Select(s => s.Document).Where(s => !s.Disabled))
        {
            var timeout = int.TryParse(server.Option("timeout"), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ? seconds : 1;
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(TimeSpan.FromSeconds(Math.Max(1, timeout)));
            try
            {
                await SendToAsync(server, snapshot, deadline.Token);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is SocketException or HttpRequestException or IOException or OperationCanceledException or InvalidOperationException)
            {
                LogSendFailed(logger, server.Id, server.Option("server") ?? "", e.Message);
            }
        }
    }

    private async Task SendToAsync(MetricServerDocument server, TelemetrySnapshot snapshot, CancellationToken cancellationToken)
    {
        var host = server.Option("server") ?? throw new InvalidOperationException("no server");
        var port = int.Parse(server.Option("port") ?? "0", CultureInfo.InvariantCulture);
        var mtu = int.TryParse(server.Option("mtu"), NumberStyles.None, CultureInfo.InvariantCulture, out var m) ? m : 1500;
        if (server.Type == "graphite")
        {
            var lines = GraphiteFormatter.Lines(server.Option("path") ?? "proxmox", identity.NodeName, snapshot);
            if (server.Option("proto") == "tcp")
            {
                using var tcp = new TcpClient();
                await tcp.ConnectAsync(host, port, cancellationToken);
                await tcp.GetStream().WriteAsync(Encoding.UTF8.GetBytes(string.Concat(lines.Select(l => l + "\n"))), cancellationToken);
                return;
            }
            await SendDatagramsAsync(host, port, lines, mtu - HeaderBytes, cancellationToken);
            return;
        }
        var influx = InfluxLineFormatter.Lines(identity.NodeName, snapshot);
        var proto = server.Option("influxdbproto") ?? "udp";
        if (proto == "udp")
        {
            await SendDatagramsAsync(host, port, influx, mtu - HeaderBytes, cancellationToken);
            return;
        }
        var maxBody = int.TryParse(server.Option("max-body-size"), NumberStyles.None, CultureInfo.InvariantCulture, out var max) ? max : 25_000_000;
        var token = await servers.TokenAsync(server.Id, cancellationToken);
        using var handler = new SocketsHttpHandler();
        if (server.Option("verify-certificate") is "0" or "false")
        {
            // The operator's explicit choice for this server (Proxmox's verify-certificate=0), as for a self-signed InfluxDB.
#pragma warning disable CA5359
            handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
#pragma warning restore CA5359
        }
        using var http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        var url = WriteUrl(proto, host, port, server.Option("api-path-prefix"), server.Option("organization") ?? "proxmox", server.Option("bucket") ?? "proxmox");
        foreach (var body in Batches(influx, maxBody))
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "text/plain") };
            if (token is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Token", token);
            }
            using var response = await http.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new HttpRequestException($"{(int)response.StatusCode} {response.ReasonPhrase}");
            }
        }
    }

    /// <summary>Proxmox's v2 write URL: <c>PROTO://SERVER:PORT/PREFIX/api/v2/write?org=…&amp;bucket=…</c>, timestamps in seconds.</summary>
    public static Uri WriteUrl(string proto, string host, int port, string? prefix, string organization, string bucket)
    {
        var path = string.IsNullOrEmpty(prefix?.Trim('/')) ? "/" : $"/{prefix.Trim('/')}/";
        var authority = host.Contains(':', StringComparison.Ordinal) && !host.StartsWith('[') ? $"[{host}]" : host;
        return new Uri($"{proto}://{authority}:{port.ToString(CultureInfo.InvariantCulture)}{path}api/v2/write?org={Uri.EscapeDataString(organization)}&bucket={Uri.EscapeDataString(bucket)}&precision=s");
    }

    /// <summary>Lines joined into bodies of at most <paramref name="limit"/> bytes; a line is never split (one longer than the limit goes alone).</summary>
    public static IEnumerable<string> Batches(IReadOnlyList<string> lines, int limit)
    {
        var batch = new StringBuilder();
        var bytes = 0;
        foreach (var line in lines)
        {
            var size = Encoding.UTF8.GetByteCount(line) + 1;
            if (bytes > 0 && bytes + size > limit)
            {
                yield return batch.ToString();
                batch.Clear();
                bytes = 0;
            }
            batch.Append(line).Append('\n');
            bytes += size;
        }
        if (bytes > 0)
        {
            yield return batch.ToString();
        }
    }

    private static async Task SendDatagramsAsync(string host, int port, IReadOnlyList<string> lines, int limit, CancellationToken cancellationToken)
    {
        using var udp = new UdpClient();
        foreach (var datagram in Batches(lines, limit))
        {
            await udp.SendAsync(Encoding.UTF8.GetBytes(datagram), host, port, cancellationToken);
        }
    }

    [LoggerMessage(EventId = 4860, Level = LogLevel.Warning, Message = "Sending metrics to server {Id} ({Server}) failed: {Reason}")]
    private static partial void LogSendFailed(ILogger logger, string id, string server, string reason);
}
