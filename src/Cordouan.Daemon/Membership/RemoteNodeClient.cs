using System.Globalization;
using System.Net;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Cordouan.Core.Errors;

namespace Cordouan.Daemon.Membership;

/// <summary>
/// Talks to another node's API during a join: the node is trusted only if its certificate has the fingerprint the
/// operator gave (we do not share a CA yet), and requests carry a ticket (password login) or an API token.
/// </summary>
public sealed class RemoteNodeClient : IDisposable
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);
    private readonly HttpClient _http;
    private readonly string _expectedFingerprint;
    private string? _seenFingerprint;
    private string? _ticket;
    private string? _csrf;
    private string? _token;

    public RemoteNodeClient(string hostname, string fingerprint)
    {
        Hostname = hostname;
        _expectedFingerprint = NormalizeFingerprint(fingerprint);
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromSeconds(5),
            UseCookies = false,
            SslOptions =
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                {
                    _seenFingerprint = certificate is null ? null : Convert.ToHexString(certificate.GetCertHash(HashAlgorithmName.SHA256));
                    return _seenFingerprint == _expectedFingerprint;
                },
            },
        };
        _http = new HttpClient(handler) { BaseAddress = BaseUri(hostname), Timeout = RequestTimeout };
    }

    public string Hostname { get; }

    /// <summary>The remote clock as its last answer's Date header told it.</summary>
    public DateTimeOffset? LastServerDate { get; private set; }

    /// <summary>"AA:BB:…" or "aabb…" → upper-case hex without separators.</summary>
    public static string NormalizeFingerprint(string fingerprint) => fingerprint.Replace(":", "", StringComparison.Ordinal).Trim().ToUpperInvariant();

    public static bool IsFingerprint(string fingerprint) =>
        NormalizeFingerprint(fingerprint) is { Length: 64 } hex && hex.All(Uri.IsHexDigit);

    public async Task LoginAsync(string username, string password, CancellationToken cancellationToken)
    {
        var data = await SendAsync(HttpMethod.Post, "access/ticket", new() { ["username"] = username, ["password"] = password }, cancellationToken);
        _ticket = data?["ticket"]?.GetValue<string>();
        _csrf = data?["CSRFPreventionToken"]?.GetValue<string>();
    }

    /// <summary>Uses an API token ("user@realm!id=secret") for every later request.</summary>
    public void UseToken(string token) => _token = token;

    public Task<JsonNode?> GetAsync(string path, CancellationToken cancellationToken) => SendAsync(HttpMethod.Get, path, null, cancellationToken);

    public Task<JsonNode?> PostAsync(string path, Dictionary<string, string> form, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, path, form, cancellationToken);

    public Task<JsonNode?> DeleteAsync(string path, CancellationToken cancellationToken) => SendAsync(HttpMethod.Delete, path, null, cancellationToken);

    public void Dispose() => _http.Dispose();

    private async Task<JsonNode?> SendAsync(HttpMethod method, string path, Dictionary<string, string>? form, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, "api2/json/" + path);
        if (form is not null)
        {
            request.Content = new FormUrlEncodedContent(form);
        }
        if (_token is not null)
        {
            // Proxmox's scheme has no space ("PVEAPIToken=user@realm!id=secret"), which the typed header refuses.
            request.Headers.TryAddWithoutValidation("Authorization", "PVEAPIToken=" + _token);
        }
        else if (_ticket is not null)
        {
            request.Headers.Add("Cookie", "PVEAuthCookie=" + Uri.EscapeDataString(_ticket));
            request.Headers.Add("CSRFPreventionToken", _csrf);
        }
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e) when (e.InnerException is AuthenticationException)
        {
            throw new ValidationException("fingerprint", _seenFingerprint is null
                ? $"no usable TLS certificate from {Hostname}"
                : $"the certificate of {Hostname} has fingerprint {Pretty(_seenFingerprint)}, not {Pretty(_expectedFingerprint)}; check you are joining the right node and copy its fingerprint again (cord cluster status / GET /nodes on it)");
        }
        catch (HttpRequestException e)
        {
            throw new ValidationException("hostname", $"cannot reach {Hostname}: {e.Message}; check the address and that cordouand runs there");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ValidationException("hostname", $"{Hostname} did not answer within {RequestTimeout.TotalSeconds:0} s");
        }
        using (response)
        {
            LastServerDate = response.Headers.Date;
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                throw new ValidationException(_token is null ? "password" : "token", $"authentication failed on {Hostname}: wrong user, password or token ({response.ReasonPhrase})");
            }
            if (!response.IsSuccessStatusCode)
            {
                throw new CordouanException($"{Hostname} refused {method} /{path}: {Describe(body, response.ReasonPhrase)}");
            }
            return JsonNode.Parse(body)?["data"];
        }
    }

    private static Uri BaseUri(string hostname)
    {
        var text = hostname.Contains("://", StringComparison.Ordinal) ? hostname : "https://" + hostname;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme != "https")
        {
            throw new ValidationException("hostname", $"'{hostname}' is not ADDR[:PORT]");
        }
        var port = uri.IsDefaultPort && !hostname.Contains(":443", StringComparison.Ordinal) ? 8006 : uri.Port;
        return new UriBuilder("https", uri.Host, port, "/").Uri;
    }

    // Proxmox errors carry the message as the reason phrase and field errors in "errors".
    private static string Describe(string body, string? reason)
    {
        try
        {
            if (JsonNode.Parse(body)?["errors"] is JsonObject errors && errors.Count > 0)
            {
                return string.Join("; ", errors.Select(e => $"{e.Key}: {e.Value}"));
            }
        }
        catch (System.Text.Json.JsonException)
        {
            // Not JSON: the reason phrase says it.
        }
        return reason ?? "no reason given";
    }

    private static string Pretty(string hex) =>
        string.Join(':', Enumerable.Range(0, hex.Length / 2).Select(i => hex.Substring(i * 2, 2).ToString(CultureInfo.InvariantCulture)));
}
