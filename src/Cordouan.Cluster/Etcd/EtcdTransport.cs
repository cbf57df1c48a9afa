using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Cordouan.Core.Errors;
using Microsoft.Extensions.Logging;

namespace Cordouan.Cluster.Etcd;

/// <summary>
/// POSTs JSON to the etcd v3 gateway. Each call gets one deadline (RequestTimeout) covering failover across members
/// and retry rounds; when it passes, or a write's outcome is unknown, the call throws <see cref="QuorumLostException"/>.
/// Every request carries the gRPC "hasleader" metadata so a member cut off from the leader refuses at once.
/// </summary>
internal sealed partial class EtcdTransport : IDisposable
{
    private readonly EtcdClientOptions _options;
    private readonly Uri[] _endpoints;
    private readonly HttpClient _http;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private int _preferred;

    public EtcdTransport(EtcdClientOptions options, TimeProvider timeProvider, ILogger logger)
    {
        _options = options;
        _endpoints = [.. options.Endpoints.Select(e => new Uri(e.TrimEnd('/') + "/"))];
        _timeProvider = timeProvider;
        _logger = logger;
        _http = new HttpClient(CreateHandler(options.ConnectTimeout, EtcdClientTls.Create(options.Tls)))
        {
            Timeout = Timeout.InfiniteTimeSpan,
            DefaultRequestVersion = HttpVersion.Version11,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
    }

    /// <summary>The member tried first, as "https://host:port".</summary>
    public string PreferredEndpoint => EtcdErrors.Trim(_endpoints[Volatile.Read(ref _preferred)]);

    /// <summary>Calls <paramref name="path"/> (e.g. "v3/kv/range") and deserializes the answer.</summary>
    public async Task<TResponse> PostAsync<TRequest, TResponse>(
        string path, TRequest request, JsonTypeInfo<TRequest> requestType, JsonTypeInfo<TResponse> responseType,
        EtcdCallKind kind, CancellationToken cancellationToken, bool requireLeader = true)
    {
        using var timeout = new CancellationTokenSource(_options.RequestTimeout, _timeProvider);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var failures = new Dictionary<Uri, string>();
        var delay = _options.RetryDelay;
        while (true)
        {
            var start = Volatile.Read(ref _preferred);
            for (var i = 0; i < _endpoints.Length; i++)
            {
                var index = (start + i) % _endpoints.Length;
                var endpoint = _endpoints[index];
                using var attemptTimer = new CancellationTokenSource(AttemptTimeout, _timeProvider);
                using var attempt = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, attemptTimer.Token);
                EtcdUnavailableException failure;
                try
                {
                    var body = await SendAsync(endpoint, path, request, requestType, requireLeader, attempt.Token);
                    Volatile.Write(ref _preferred, index);
                    return Deserialize(endpoint, body, responseType);
                }
                catch (EtcdUnavailableException e)
                {
                    failure = e;
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    // If neither of our timers fired, it was SocketsHttpHandler's connect timeout: nothing was sent.
                    failure = timeout.IsCancellationRequested || attemptTimer.IsCancellationRequested
                        ? EtcdErrors.Timeout(endpoint, timeout.IsCancellationRequested ? _options.RequestTimeout : AttemptTimeout)
                        : EtcdErrors.ConnectTimeout(endpoint, _options.ConnectTimeout);
                }
                failures[endpoint] = failure.Message;
                if (kind == EtcdCallKind.Write && failure.MaybeApplied)
                {
                    throw new QuorumLostException($"{failure.Message}; the write may or may not have been applied", failure);
                }
                if (timeout.IsCancellationRequested)
                {
                    throw Lost(failures);
                }
                Log.MemberFailed(_logger, path, failure.Message);
            }
            try
            {
                await Task.Delay(delay, _timeProvider, deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw Lost(failures);
            }
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.MaxRetryDelay.Ticks));
        }
    }

    /// <summary>Opens a server stream (watch) on the first member that accepts it, in preference order.</summary>
    public async Task<HttpResponseMessage> OpenStreamAsync<TRequest>(
        string path, TRequest request, JsonTypeInfo<TRequest> requestType, CancellationToken cancellationToken)
    {
        var failures = new Dictionary<Uri, string>();
        var start = Volatile.Read(ref _preferred);
        for (var i = 0; i < _endpoints.Length; i++)
        {
            var index = (start + i) % _endpoints.Length;
            var endpoint = _endpoints[index];
            using var timeout = new CancellationTokenSource(_options.RequestTimeout, _timeProvider);
            using var headers = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            HttpResponseMessage? response = null;
            try
            {
                using var message = CreateMessage(endpoint, path, request, requestType, requireLeader: true);
                response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, headers.Token);
                if (response.IsSuccessStatusCode)
                {
                    Volatile.Write(ref _preferred, index);
                    var opened = response;
                    response = null;
                    return opened;
                }
                var body = await response.Content.ReadAsByteArrayAsync(headers.Token);
                throw EtcdErrors.FromBody(endpoint, response.StatusCode, body);
            }
            catch (HttpRequestException e)
            {
                failures[endpoint] = EtcdErrors.FromHttp(endpoint, e).Message;
            }
            catch (EtcdUnavailableException e)
            {
                failures[endpoint] = e.Message;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                failures[endpoint] = EtcdErrors.Timeout(endpoint, _options.RequestTimeout).Message;
            }
            finally
            {
                response?.Dispose();
            }
        }
        throw new EtcdUnavailableException(string.Join("; ", failures.Values), maybeApplied: false);
    }

    /// <summary>Moves the preferred member past <paramref name="endpoint"/> after a stream broke there.</summary>
    public void Demote(Uri endpoint)
    {
        var current = Volatile.Read(ref _preferred);
        if (_endpoints[current] == endpoint)
        {
            Interlocked.CompareExchange(ref _preferred, (current + 1) % _endpoints.Length, current);
        }
    }

    public void Dispose() => _http.Dispose();

    private async Task<byte[]> SendAsync<TRequest>(
        Uri endpoint, string path, TRequest request, JsonTypeInfo<TRequest> requestType, bool requireLeader, CancellationToken cancellationToken)
    {
        try
        {
            using var message = CreateMessage(endpoint, path, request, requestType, requireLeader);
            using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellationToken);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            return response.IsSuccessStatusCode ? body : throw EtcdErrors.FromBody(endpoint, response.StatusCode, body);
        }
        catch (HttpRequestException e)
        {
            throw EtcdErrors.FromHttp(endpoint, e);
        }
    }

    private static HttpRequestMessage CreateMessage<TRequest>(Uri endpoint, string path, TRequest request, JsonTypeInfo<TRequest> requestType, bool requireLeader)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, new Uri(endpoint, path))
        {
            Content = JsonContent.Create(request, requestType),
        };
        if (requireLeader)
        {
            message.Headers.Add("Grpc-Metadata-hasleader", "true");
        }
        return message;
    }

    private static TResponse Deserialize<TResponse>(Uri endpoint, byte[] body, JsonTypeInfo<TResponse> responseType)
    {
        try
        {
            return JsonSerializer.Deserialize(body, responseType)
                ?? throw new EtcdRequestException(EtcdErrors.Trim(endpoint), 2, "empty response");
        }
        catch (JsonException e)
        {
            throw new EtcdRequestException(EtcdErrors.Trim(endpoint), 2, $"unreadable response: {e.Message}");
        }
    }

    // One member: the whole deadline; several: a share of it, so a hung member leaves time for the others.
    private TimeSpan AttemptTimeout => _endpoints.Length == 1
        ? _options.RequestTimeout
        : TimeSpan.FromTicks(Math.Min(_options.RequestTimeout.Ticks, Math.Max(_options.RequestTimeout.Ticks / _endpoints.Length, TimeSpan.TicksPerSecond)));

    private static QuorumLostException Lost(Dictionary<Uri, string> failures) =>
        new(failures.Count == 0 ? "etcd did not answer" : string.Join("; ", failures.Values));

    private static SocketsHttpHandler CreateHandler(TimeSpan connectTimeout, System.Net.Security.SslClientAuthenticationOptions? tls)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = connectTimeout,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
            UseProxy = false,
            ConnectCallback = ConnectWithKeepAliveAsync,
        };
        if (tls is not null)
        {
            handler.SslOptions = tls;
        }
        return handler;
    }

    // TCP keep-alive notices a vanished member under a long-lived watch within ~10 s instead of hours.
    private static async ValueTask<Stream> ConnectWithKeepAliveAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
            socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime, 4);
            socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveInterval, 2);
            socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveRetryCount, 3);
            await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
