using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cordouan.Api.Proxy;
using Cordouan.Core.Errors;
using Cordouan.Core.Ids;
using Cordouan.Node.Vms.Migration;

namespace Cordouan.Api.Endpoints.Internal;

/// <summary>
/// <see cref="IVolumeTransfer"/> over the peers' internal endpoints: one pooled HTTP/1.1 client that presents this
/// node's certificate and trusts only the cluster CA (as request forwarding does). The body is sent only once the
/// peer accepted the request (<c>Expect: 100-continue</c>), so a refusal costs no transfer. Callers bound each call
/// with their token; the client itself has no overall timeout, as a disk copy takes as long as it takes.
/// </summary>
public sealed class PeerVolumeTransfer : IVolumeTransfer, IDisposable
{
    private readonly HttpClient _http;
    private readonly NodeAddressBook _nodes;

    public PeerVolumeTransfer(ClusterTls tls, NodeAddressBook nodes, NodeProxyOptions options)
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

    public async Task<ReceivedVolume> SendAsync(string targetNode, VolumeId volume, Stream content, long length, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, await UriAsync(targetNode, volume, cancellationToken));
        request.Headers.ExpectContinue = true;
        request.Content = new StreamContent(content, 1 << 20);
        request.Content.Headers.ContentLength = length;
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        var data = await SendAsync($"send volume '{volume}' to node '{targetNode}'", request, cancellationToken);
        return new ReceivedVolume(data?["bytes"]?.GetValue<long>() ?? -1, data?["sha256"]?.GetValue<string>() ?? "");
    }

    public async Task DeleteAsync(string targetNode, VolumeId volume, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, await UriAsync(targetNode, volume, cancellationToken));
        await SendAsync($"delete volume '{volume}' on node '{targetNode}'", request, cancellationToken);
    }

    public void Dispose() => _http.Dispose();

    private async Task<Uri> UriAsync(string node, VolumeId volume, CancellationToken cancellationToken)
    {
        var endpoint = await _nodes.FindAsync(node, cancellationToken)
            ?? throw new ValidationException("target", $"no such cluster node '{node}'");
        return new Uri(endpoint.BaseAddress + InternalPaths.Volume(volume));
    }

    private async Task<JsonNode?> SendAsync(string what, HttpRequestMessage request, CancellationToken cancellationToken)
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
}
