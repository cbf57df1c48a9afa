using System.Net;
using System.Text.Json.Nodes;

namespace Cordouan.Testing.Daemon;

/// <summary>
/// A minimal Proxmox API client for tests: form-encoded bodies, ticket cookie + CSRF header, raw responses.
/// Deliberately independent of Cordouan.Client, so the API is tested as third-party clients use it.
/// </summary>
public sealed class PveHttp : IDisposable
{
    private readonly HttpClient _http;
    private readonly Uri _baseAddress;
    private readonly string _trustedCertificatePem;
    private string? _ticket;
    private string? _csrf;

    /// <param name="localAddress">The address connections come from (another loopback address, to be a different client); any when null.</param>
    public PveHttp(Uri baseAddress, string trustedCertificatePem, IPAddress? localAddress = null)
    {
        _baseAddress = baseAddress;
        _trustedCertificatePem = trustedCertificatePem;
        var handler = PinnedHandler(trustedCertificatePem);
        if (localAddress is not null)
        {
            handler.ConnectCallback = (context, cancellationToken) => ConnectFromAsync(localAddress, context.DnsEndPoint, cancellationToken);
        }
        _http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    private static async ValueTask<Stream> ConnectFromAsync(IPAddress localAddress, DnsEndPoint target, CancellationToken cancellationToken)
    {
        var socket = new System.Net.Sockets.Socket(localAddress.AddressFamily, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(localAddress, 0));
            await socket.ConnectAsync(target, cancellationToken);
            return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Accepts exactly the node's own certificate (self-signed by its cluster CA), as a pinned fingerprint would.</summary>
    public static SocketsHttpHandler PinnedHandler(string trustedCertificatePem)
    {
        using var trusted = PemCertificate.Load(trustedCertificatePem);
        var expected = trusted.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256);
        return new SocketsHttpHandler
        {
            SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                certificate is not null && certificate.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256) == expected },
            UseCookies = false,
        };
    }

    public string? Ticket => _ticket;

    /// <summary>The CSRF token of the current ticket, for tests that build raw requests.</summary>
    public string? Csrf => _csrf;

    public async Task<PveResponse> LoginAsync(string user, string password, CancellationToken cancellationToken)
    {
        var response = await SendAsync(HttpMethod.Post, "/access/ticket", new() { ["username"] = user, ["password"] = password }, cancellationToken);
        if (response.Status == HttpStatusCode.OK)
        {
            _ticket = response.Data!["ticket"]!.GetValue<string>();
            _csrf = response.Data!["CSRFPreventionToken"]!.GetValue<string>();
        }
        return response;
    }

    /// <summary>A new client to the same node, logged in as root@pam (<see cref="TestRoot"/>), for root-only operations.</summary>
    public async Task<PveHttp> AsRootAsync(CancellationToken cancellationToken)
    {
        var root = new PveHttp(_baseAddress, _trustedCertificatePem);
        (await root.LoginAsync(TestRoot.UserId, TestRoot.Password, cancellationToken)).EnsureOk();
        return root;
    }

    public void Logout()
    {
        _ticket = null;
        _csrf = null;
    }

    public Task<PveResponse> GetAsync(string path, CancellationToken cancellationToken, Dictionary<string, string>? query = null) =>
        SendAsync(HttpMethod.Get, path, query, cancellationToken);

    public Task<PveResponse> PostAsync(string path, Dictionary<string, string>? form, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, path, form, cancellationToken);

    public Task<PveResponse> PutAsync(string path, Dictionary<string, string>? form, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, path, form, cancellationToken);

    public Task<PveResponse> DeleteAsync(string path, CancellationToken cancellationToken, Dictionary<string, string>? query = null) =>
        SendAsync(HttpMethod.Delete, path, query, cancellationToken);

    public async Task<PveResponse> SendAsync(HttpMethod method, string path, Dictionary<string, string>? parameters, CancellationToken cancellationToken)
    {
        var uri = "/api2/json" + path;
        var bodyless = method == HttpMethod.Get || method == HttpMethod.Delete;
        if (bodyless && parameters is { Count: > 0 })
        {
            uri += "?" + string.Join('&', parameters.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));
        }
        using var request = new HttpRequestMessage(method, uri);
        if (!bodyless)
        {
            request.Content = new FormUrlEncodedContent(parameters ?? []);
        }
        if (_ticket is not null)
        {
            request.Headers.Add("Cookie", "PVEAuthCookie=" + Uri.EscapeDataString(_ticket));
            if (!bodyless || method == HttpMethod.Delete)
            {
                request.Headers.Add("CSRFPreventionToken", _csrf);
            }
        }
        using var response = await _http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        JsonNode? body = null;
        if (text.Length > 0)
        {
            try
            {
                body = JsonNode.Parse(text);
            }
            catch (System.Text.Json.JsonException)
            {
                body = JsonValue.Create(text);
            }
        }
        return new PveResponse(response.StatusCode, response.ReasonPhrase, body);
    }

    /// <summary>A GET outside <c>/api2/json</c> (<c>/metrics</c>) with this client's ticket, or <paramref name="authorization"/> instead: status, content type, body.</summary>
    public async Task<(HttpStatusCode Status, string? ContentType, string Body)> GetTextAsync(string path, CancellationToken cancellationToken, string? authorization = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }
        else if (_ticket is not null)
        {
            request.Headers.Add("Cookie", "PVEAuthCookie=" + Uri.EscapeDataString(_ticket));
        }
        using var response = await _http.SendAsync(request, cancellationToken);
        return (response.StatusCode, response.Content.Headers.ContentType?.ToString(), await response.Content.ReadAsStringAsync(cancellationToken));
    }

    /// <summary>Polls a task until it stops; returns its exit status. Fails with the task log on timeout.</summary>
    public async Task<string> WaitForTaskAsync(string upid, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var node = upid.Split(':')[1];
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            while (true)
            {
                var status = (await GetAsync($"/nodes/{node}/tasks/{Uri.EscapeDataString(upid)}/status", deadline.Token)).EnsureOk().Data!;
                if (status["status"]!.GetValue<string>() == "stopped")
                {
                    return status["exitstatus"]!.GetValue<string>();
                }
                await Task.Delay(200, deadline.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            var log = await GetAsync($"/nodes/{node}/tasks/{Uri.EscapeDataString(upid)}/log", cancellationToken);
            throw new TimeoutException($"task {upid} still running after {timeout.TotalSeconds} s; log: {log.Data?.ToJsonString()}");
        }
    }

    /// <summary>Runs a call that returns a UPID and waits for the task; throws unless it ends OK (or with warnings when allowed).</summary>
    public async Task<string> RunTaskAsync(HttpMethod method, string path, Dictionary<string, string>? parameters, CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        var response = (await SendAsync(method, path, parameters, cancellationToken)).EnsureOk();
        var upid = response.Data!.GetValue<string>();
        var exit = await WaitForTaskAsync(upid, timeout ?? TimeSpan.FromMinutes(2), cancellationToken);
        if (exit != "OK" && !exit.StartsWith("WARNINGS", StringComparison.Ordinal))
        {
            var node = upid.Split(':')[1];
            var log = await GetAsync($"/nodes/{node}/tasks/{Uri.EscapeDataString(upid)}/log", cancellationToken);
            throw new InvalidOperationException($"task {upid} failed: {exit}; log: {log.Data?.ToJsonString()}");
        }
        return upid;
    }

    public void Dispose() => _http.Dispose();
}
