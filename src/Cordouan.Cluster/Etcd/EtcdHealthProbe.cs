using System.Net;
using System.Text.Json;
using Cordouan.Cluster.Etcd.Wire;

namespace Cordouan.Cluster.Etcd;

/// <summary>Asks a member's GET /health whether it serves linearizable requests (it has a leader).</summary>
internal sealed class EtcdHealthProbe(string clientUrl, EtcdTlsFiles? tls, TimeProvider timeProvider) : IDisposable
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(1);

    private readonly HttpClient _http = new(CreateHandler(tls))
    {
        Timeout = Timeout.InfiniteTimeSpan,
        DefaultRequestVersion = HttpVersion.Version11,
    };

    private readonly Uri _health = new(clientUrl.TrimEnd('/') + "/health");

    /// <summary>(healthy, what was seen) — never throws except for the caller's cancellation.</summary>
    public async Task<(bool Healthy, string Detail)> CheckAsync(CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(ProbeTimeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var response = await _http.GetAsync(_health, linked.Token);
            var body = await response.Content.ReadAsByteArrayAsync(linked.Token);
            var health = JsonSerializer.Deserialize(body, EtcdJsonContext.Default.HealthResponse);
            return health?.Health == "true"
                ? (true, "healthy")
                : (false, $"HTTP {(int)response.StatusCode}, health={health?.Health} {health?.Reason}".TrimEnd());
        }
        catch (HttpRequestException e)
        {
            return (false, e.Message);
        }
        catch (JsonException e)
        {
            return (false, "not etcd's /health answer: " + e.Message);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (false, $"no answer within {ProbeTimeout.TotalSeconds:0} s");
        }
    }

    public void Dispose() => _http.Dispose();

    // The member's own client certificate: with --client-cert-auth even /health wants one.
    private static SocketsHttpHandler CreateHandler(EtcdTlsFiles? tls)
    {
        var handler = new SocketsHttpHandler { UseProxy = false, ConnectTimeout = ProbeTimeout };
        if (EtcdClientTls.Create(tls) is { } options)
        {
            handler.SslOptions = options;
        }
        return handler;
    }
}
