using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Cordouan.Client.Credentials;
using Cordouan.Client.Errors;
using Cordouan.Client.Requests;
using Cordouan.Client.Security;

namespace Cordouan.Client;

/// <summary>
/// Typed client of the daemon's Proxmox-compatible API (<c>/api2/json</c>) over HTTP/1.1, with pinned-certificate TLS.
/// The only road from the CLI and the E2E tests to the daemon. Split by resource into partial files.
/// </summary>
public sealed partial class CordouanClient : IDisposable
{
    private const string CookieName = "PVEAuthCookie";
    private const string CsrfHeader = "CSRFPreventionToken";

    private readonly HttpClient _http;
    private readonly ServerCertificateValidator _certificates;
    private readonly CordouanClientOptions _options;
    private readonly string _apiBase;
    private CordouanCredentials? _credentials;

    public CordouanClient(CordouanClientOptions options)
    {
        _options = options;
        _certificates = new ServerCertificateValidator(options.Fingerprint, options.Insecure);
        _credentials = options.Credentials;
        BaseAddress = new Uri(options.BaseAddress.GetLeftPart(UriPartial.Authority) + "/");
        _apiBase = BaseAddress.GetLeftPart(UriPartial.Authority) + "/api2/json/";
        var handler = new SocketsHttpHandler
        {
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.GZip,
            ConnectTimeout = TimeSpan.FromSeconds(15),
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            SslOptions = { RemoteCertificateValidationCallback = _certificates.Validate },
        };
        _http = new HttpClient(handler, disposeHandler: true)
        {
            Timeout = options.RequestTimeout,
            DefaultRequestVersion = HttpVersion.Version11,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
    }

    /// <summary>The daemon's base address, <c>scheme://host:port/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The credentials sent with each request; replaced by a successful login.</summary>
    public CordouanCredentials? Credentials => Volatile.Read(ref _credentials);

    /// <summary>Replaces the credentials (for example with a ticket loaded from a saved session).</summary>
    public void UseCredentials(CordouanCredentials? credentials) => Volatile.Write(ref _credentials, credentials);

    /// <summary>Trusts the server certificate with <paramref name="fingerprint"/> from now on (see <see cref="Security.ServerCertificateValidator.Repin"/>).</summary>
    public void RepinServerCertificate(string fingerprint) => _certificates.Repin(fingerprint);

    /// <summary>Sends a request and converts its <c>data</c>.</summary>
    public async Task<T> SendAsync<T>(ApiRequest<T> request, CancellationToken cancellationToken) =>
        request.ReadData(await SendForDataAsync(request, cancellationToken));

    /// <summary>Sends a request and returns its raw <c>data</c> element (JSON <c>null</c> when the call returns nothing).</summary>
    public async Task<JsonElement> SendForDataAsync<T>(ApiRequest<T> request, CancellationToken cancellationToken)
    {
        using var message = BuildMessage(request);
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw ConnectionFailure(ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CordouanConnectionException($"{request} on {BaseAddress} timed out after {_options.RequestTimeout.TotalSeconds:0} s.", ex);
        }
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw CordouanApiException.FromResponse((int)response.StatusCode, response.ReasonPhrase, body);
            }
            return ReadData(request, body);
        }
    }

    public void Dispose() => _http.Dispose();

    private HttpRequestMessage BuildMessage<T>(ApiRequest<T> request)
    {
        var bodyless = request.Method == HttpMethod.Get || request.Method == HttpMethod.Delete;
        var uri = _apiBase + request.Path;
        if (bodyless && request.Parameters.Count > 0)
        {
            uri += "?" + string.Join('&', request.Parameters.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
        }
        var message = new HttpRequestMessage(request.Method, uri)
        {
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (!bodyless)
        {
            message.Content = new FormUrlEncodedContent(request.Parameters);
        }
        if (request.Authenticated)
        {
            foreach (var (name, value) in AuthenticationHeaders(includeCsrf: request.Method != HttpMethod.Get))
            {
                message.Headers.TryAddWithoutValidation(name, value);
            }
        }
        return message;
    }

    private IEnumerable<(string Name, string Value)> AuthenticationHeaders(bool includeCsrf)
    {
        switch (Credentials)
        {
            case TicketCredentials ticket:
                yield return ("Cookie", $"{CookieName}={Uri.EscapeDataString(ticket.Ticket)}");
                if (includeCsrf)
                {
                    yield return (CsrfHeader, ticket.CsrfPreventionToken);
                }
                break;
            case ApiTokenCredentials token:
                yield return ("Authorization", "PVEAPIToken=" + token.Token);
                break;
        }
    }

    private static JsonElement ReadData<T>(ApiRequest<T> request, string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("data", out var data)
                ? data.Clone()
                : throw new CordouanClientException($"{request} returned a body without 'data'.");
        }
        catch (JsonException ex)
        {
            throw new CordouanClientException($"{request} returned invalid JSON: {ex.Message}", ex);
        }
    }

    private CordouanConnectionException ConnectionFailure(Exception ex)
    {
        var rejected = _certificates.LastRejectedFingerprint;
        if (rejected is not null)
        {
            var expectation = _certificates.PinnedFingerprint is { } pinned
                ? $"does not match the pinned fingerprint {pinned}"
                : "is not trusted by this system";
            return new CordouanConnectionException(
                $"The TLS certificate of {BaseAddress} (SHA-256 fingerprint {rejected}) {expectation}. " +
                "If you trust it, pass --fingerprint with that value.", ex)
            {
                PresentedFingerprint = rejected,
            };
        }
        var reason = ex.InnerException?.Message ?? ex.Message;
        return new CordouanConnectionException($"Failed to reach {BaseAddress}: {reason}", ex);
    }
}
