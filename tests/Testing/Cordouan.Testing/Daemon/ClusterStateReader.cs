using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;

namespace Cordouan.Testing.Daemon;

/// <summary>
/// Reads every key under the cluster prefix from a node's etcd, with its modification revision, so a test can assert that a
/// refused request changed nothing. It reaches etcd's client endpoint (JSON gateway, <c>/v3/kv/range</c>) as the node itself does:
/// mutual TLS with the node's certificate, the server checked against the cluster CA.
/// </summary>
public sealed class ClusterStateReader(CordouandNode node) : IDisposable
{
    public const string Prefix = "/cordouan/v1/";

    private readonly HttpClient _http = new(MutualTlsHandler(node)) { BaseAddress = new Uri(node.EtcdClientUrl), Timeout = TimeSpan.FromSeconds(30) };

    private static SocketsHttpHandler MutualTlsHandler(CordouandNode node)
    {
        using var pem = X509Certificate2.CreateFromPemFile(node.Data.Combine("certs", "node.pem"), node.Data.Combine("certs", "node-key.pem"));
        var client = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
        policy.CustomTrustStore.Add(X509Certificate2.CreateFromPem(File.ReadAllText(node.Data.Combine("certs", "ca.pem"))));
        return new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions { ClientCertificates = [client], CertificateChainPolicy = policy },
        };
    }

    /// <summary>key → (mod revision, value) for every key under <see cref="Prefix"/>.</summary>
    public async Task<IReadOnlyDictionary<string, (long Revision, string Value)>> ReadAllAsync(CancellationToken cancellationToken)
    {
        var request = new JsonObject
        {
            ["key"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(Prefix)),
            ["range_end"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(Prefix[..^1] + (char)(Prefix[^1] + 1))),
        };
        using var response = await _http.PostAsync("/v3/kv/range", new StringContent(request.ToJsonString(), Encoding.UTF8, "application/json"), cancellationToken);
        response.EnsureSuccessStatusCode();
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))?.AsObject() ?? [];
        var result = new SortedDictionary<string, (long, string)>(StringComparer.Ordinal);
        foreach (var kv in body["kvs"]?.AsArray() ?? [])
        {
            var key = Encoding.UTF8.GetString(Convert.FromBase64String(kv!["key"]!.GetValue<string>()));
            var revision = long.Parse(kv["mod_revision"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
            var value = kv["value"] is { } v ? Encoding.UTF8.GetString(Convert.FromBase64String(v.GetValue<string>())) : "";
            result[key] = (revision, value);
        }
        return result;
    }

    public void Dispose() => _http.Dispose();
}
