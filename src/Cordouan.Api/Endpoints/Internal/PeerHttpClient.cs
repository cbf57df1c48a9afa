using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cordouan.Api.Proxy;
using Cordouan.Core.Errors;

namespace Cordouan.Api.Endpoints.Internal;

/// <summary>
/// The HTTP client of node-to-node calls: one pooled HTTP/1.1 client that presents this node's certificate and trusts
/// only the cluster CA (as request forwarding does). Callers bound each call with their token; the client itself has
/// no overall timeout, as a disk copy takes as long as it takes. Errors become <see cref="CordouanException"/> naming
/// what failed (409 → <see cref="AlreadyExistsException"/>).
/// </summary>
public sealed class PeerHttpClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly NodeAddressBook _nodes;

    public PeerHttpClient(ClusterTls tls, NodeAddressBook nodes, NodeProxyOptions options)
    {
        _nodes = nodes;
        _http = new HttpClient(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = options.ConnectTimeout,
            Expect100ContinueTimeout = TimeSpan.FromSeconds(30),
            ActivityHeadersPropagator = null,
            SslOptions =
            {
                ClientCertificates = new X509CertificateCollection { tls.NodeCertificate },
                RemoteCertificateValidationCallback = tls.ValidateServerCertificate,
                CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            },
        }, disposeHandler: true)
        {
            Timeout = Timeout.InfiniteTimeSpan,
            DefaultRequestVersion = HttpVersion.Version11,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
    }

    /// <summary>The absolute URI of <paramref name="path"/> on <paramref name="node"/>.</summary>
    public async Task<Uri> UriAsync(string node, string path, CancellationToken cancellationToken)
    {
        var endpoint = await _nodes.FindAsync(node, cancellationToken)
            ?? throw new ValidationException("target", $"no such cluster node '{node}'");
        return new Uri(endpoint.BaseAddress + path);
    }

    /// <summary>Sends <paramref name="request"/> and returns the answer's <c>data</c> member.</summary>
    public async Task<JsonNode?> SendAsync(string what, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new CordouanException($"Failed to {what}: {e.Message}", e);
        }
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            JsonNode? body = null;
            try
            {
                body = text.Length == 0 ? null : JsonNode.Parse(text);
            }
            catch (JsonException)
            {
                // Not ours (something else answered): the status line says it.
            }
            if (response.IsSuccessStatusCode)
            {
                return body?["data"];
            }
            var message = (body?["message"]?.GetValue<string>() ?? response.ReasonPhrase ?? response.StatusCode.ToString()).TrimEnd('\n');
            throw response.StatusCode == HttpStatusCode.Conflict
                ? new AlreadyExistsException(message)
                : new CordouanException($"Failed to {what}: {(int)response.StatusCode} {message}");
        }
    }

    public void Dispose() => _http.Dispose();
}
