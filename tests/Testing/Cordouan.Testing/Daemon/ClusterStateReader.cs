using System.Text;
using System.Text.Json.Nodes;

namespace Cordouan.Testing.Daemon;

/// <summary>
/// Reads every key under the cluster prefix from a node's etcd, with its modification revision, so a test can assert that a
/// refused request changed nothing. The one place tests reach etcd's client endpoint for reading (JSON gateway, <c>/v3/kv/range</c>):
/// when that endpoint moves to mutual TLS, only this class changes.
/// </summary>
public sealed class ClusterStateReader(CordouandNode node) : IDisposable
{
    public const string Prefix = "/cordouan/v1/";

    private readonly HttpClient _http = new() { BaseAddress = new Uri($"http://127.0.0.1:{node.EtcdClientPort}"), Timeout = TimeSpan.FromSeconds(30) };

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
