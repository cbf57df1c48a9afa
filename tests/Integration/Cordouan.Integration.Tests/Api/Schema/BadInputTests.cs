using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Cordouan.Testing.Daemon;
using Xunit;

namespace Cordouan.Integration.Tests.Api.Schema;

/// <summary>
/// Generated from the facts file: for every served method and every parameter, values of the wrong type, below the minimum,
/// above the maximum, over the maximum length, outside the enumeration and against the pattern, sent as an administrator; and
/// malformed requests (bad UTF-8, NUL, huge bodies, too many fields, wrong content types, a JSON array). Each must be refused
/// with a 400 naming the field (403 on the methods Proxmox keeps to root@pam), never a 5xx; the daemon stays up, writes
/// no stack trace, and the cluster state in etcd is unchanged after every refused request.
/// </summary>
public sealed class BadInputTests
{
    private const int Vm = 150;

    [Fact]
    public async Task EveryServedMethod_OutOfSchemaValues_400NamingTheFieldAndNothingStored()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var node = new CordouandNode("badinput1");
        await node.StartAsync(ct);
        using var admin = await node.AdminAsync(ct);
        await admin.RunTaskAsync(HttpMethod.Post, $"/nodes/{node.NodeName}/qemu", new() { ["vmid"] = ServedMethods.Text(Vm), ["memory"] = "64" }, ct);
        (await admin.PostAsync("/access/users", new() { ["userid"] = "target@pve", ["password"] = "target-password" }, ct)).EnsureOk();
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["node"] = node.NodeName,
            ["vmid"] = ServedMethods.Text(Vm),
            ["storage"] = "local",
            ["userid"] = "target@pve",
            ["tokenid"] = "t1",
            ["snapname"] = "s1",
            ["iface"] = "vmbr9",
            ["sid"] = $"vm:{Vm}",
            ["volume"] = $"local:{Vm}/vm-{Vm}-disk-0.qcow2",
        };
        using var etcd = new ClusterStateReader(node);
        var before = await etcd.ReadAllAsync(ct);
        var requests = 0;
        var failures = new List<string>();
        foreach (var method in await ServedMethods.LoadAsync(node, admin, ct))
        {
            var verb = (string)method["method"]!;
            var template = (string)method["path"]!;
            var pathParameters = ServedMethods.PathParameters(template).ToHashSet(StringComparer.Ordinal);
            // A parameter the permission expression reads is checked there first (Proxmox's order): a value that breaks the
            // ACL path is refused with 403 before the schema is looked at.
            var inPermissions = method["permissions"]?.ToJsonString() ?? "";
            var rootOnly = method["permissions"] is null;
            // Parameters the permission check needs (a user id in the body) are sent valid, so the check reaches the schema.
            var identity = method["parameters"]!.AsObject().Select(p => p.Key)
                .Where(n => !pathParameters.Contains(n) && n == "userid" && values.ContainsKey(n)).ToDictionary(n => n, n => values[n]);
            foreach (var (name, schema) in method["parameters"]!.AsObject())
            {
                if (pathParameters.Contains(name) || name.EndsWith("[n]", StringComparison.Ordinal))
                {
                    continue;
                }
                foreach (var (kind, bad) in BadValues(schema!.AsObject()))
                {
                    requests++;
                    var sent = new Dictionary<string, string>(identity) { [name] = bad };
                    var response = await admin.SendAsync(new HttpMethod(verb), ServedMethods.Fill(template, values), sent, ct);
                    var what = $"{verb} {template} {name} ({kind}) = '{Shorten(bad)}'";
                    var refused = (response.Status == HttpStatusCode.BadRequest && response.Error(name) is not null)
                        || (response.Status == HttpStatusCode.Forbidden && (rootOnly || inPermissions.Contains("{" + name + "}", StringComparison.Ordinal)));
                    if (!refused)
                    {
                        failures.Add($"{what}: {(int)response.Status} {response.Reason} {Shorten(response.Body?.ToJsonString() ?? "")}");
                    }
                    before = await AssertUnchangedAsync(etcd, before, what, failures, ct);
                }
            }
        }
        requests += await MalformedRequestsAsync(node, admin, etcd, before, failures, ct);
        TestContext.Current.SendDiagnosticMessage($"bad-input suite: {requests} requests, {failures.Count} failures");
        Console.WriteLine($"bad-input suite: {requests} requests, {failures.Count} failures");
        Assert.True(failures.Count == 0, $"{failures.Count} of {requests} bad requests were not refused cleanly:\n" + string.Join('\n', failures.Take(80)));
        Assert.DoesNotContain("Unexpected error serving", node.Output, StringComparison.Ordinal);
        Assert.NotNull(node.Pid);
    }

    private static async Task<int> MalformedRequestsAsync(
        CordouandNode node, PveHttp admin, ClusterStateReader etcd, IReadOnlyDictionary<string, (long, string)> before, List<string> failures, CancellationToken ct)
    {
        var fields = string.Join('&', Enumerable.Range(0, 1100).Select(i => $"f{i}=1"));
        (string Name, string ContentType, byte[] Body)[] bodies =
        [
            ("bad UTF-8", "application/x-www-form-urlencoded", Encoding.ASCII.GetBytes("username=%FF%FE%FD&password=x")),
            ("raw bad UTF-8", "application/x-www-form-urlencoded", [.. Encoding.ASCII.GetBytes("username=a"), 0xC3, 0x28, .. Encoding.ASCII.GetBytes("&password=x")]),
            ("NUL in value", "application/x-www-form-urlencoded", Encoding.ASCII.GetBytes("username=root%00@pam&password=x")),
            ("NUL in name", "application/x-www-form-urlencoded", Encoding.ASCII.GetBytes("user%00name=root@pam&password=x")),
            ("5 MB field", "application/x-www-form-urlencoded", Encoding.ASCII.GetBytes("username=root@pam&password=" + new string('x', 5 * 1024 * 1024))),
            ("1,100 fields", "application/x-www-form-urlencoded", Encoding.ASCII.GetBytes(fields)),
            ("wrong content type", "text/plain", Encoding.ASCII.GetBytes("username=root@pam&password=x")),
            ("multipart", "multipart/form-data; boundary=x", Encoding.ASCII.GetBytes("--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--x--\r\n")),
            ("JSON array", "application/json", Encoding.ASCII.GetBytes("[1,2,3]")),
            ("JSON string", "application/json", Encoding.ASCII.GetBytes("\"x\"")),
            ("broken JSON", "application/json", Encoding.ASCII.GetBytes("{\"username\":")),
            ("JSON with NUL", "application/json", Encoding.ASCII.GetBytes("{\"username\":\"a\\u0000b\",\"password\":\"x\"}")),
            ("deep JSON", "application/json", Encoding.ASCII.GetBytes("{\"a\":" + new string('[', 5000) + new string(']', 5000) + "}")),
            ("no content type", "", Encoding.ASCII.GetBytes("username=root@pam&password=x")),
        ];
        var count = 0;
        using var anonymous = new HttpClient(PveHttp.PinnedHandler(node.CertificatePem)) { BaseAddress = node.BaseAddress };
        using var authenticated = new HttpClient(PveHttp.PinnedHandler(node.CertificatePem)) { BaseAddress = node.BaseAddress };
        authenticated.DefaultRequestHeaders.Add("Cookie", "PVEAuthCookie=" + Uri.EscapeDataString(admin.Ticket!));
        authenticated.DefaultRequestHeaders.Add("CSRFPreventionToken", admin.Csrf!);
        foreach (var (client, path) in new[] { (anonymous, "/api2/json/access/ticket"), (authenticated, $"/api2/json/nodes/{node.NodeName}/qemu/{Vm}/config") })
        {
            foreach (var (name, contentType, body) in bodies)
            {
                count++;
                using var content = new ByteArrayContent(body);
                if (contentType.Length > 0)
                {
                    content.Headers.TryAddWithoutValidation("Content-Type", contentType);
                }
                using var response = await client.PostAsync(path, content, ct);
                var text = await response.Content.ReadAsStringAsync(ct);
                if (response.StatusCode != HttpStatusCode.BadRequest || text.Contains("internal error", StringComparison.Ordinal))
                {
                    failures.Add($"POST {path} with {name}: {(int)response.StatusCode} {response.ReasonPhrase} {Shorten(text)}");
                }
                before = await AssertUnchangedAsync(etcd, before, $"POST {path} with {name}", failures, ct);
            }
        }
        // Query strings go through the same reader.
        foreach (var query in new[] { "?type=%FF", "?type=a%00", "?" + fields })
        {
            count++;
            using var response = await authenticated.GetAsync("/api2/json/cluster/resources" + query, ct);
            if (response.StatusCode != HttpStatusCode.BadRequest)
            {
                failures.Add($"GET /cluster/resources{Shorten(query)}: {(int)response.StatusCode} {response.ReasonPhrase}");
            }
        }
        // Anonymous requests for another node's paths are refused before any proxying.
        count++;
        using (var other = await anonymous.GetAsync("/api2/json/nodes/othernode/qemu", ct))
        {
            if (other.StatusCode != HttpStatusCode.Unauthorized)
            {
                failures.Add($"anonymous GET /nodes/othernode/qemu: {(int)other.StatusCode} {other.ReasonPhrase}");
            }
        }
        using var version = await anonymous.GetAsync("/api2/json/version", ct);
        Assert.Equal(HttpStatusCode.OK, version.StatusCode);
        return count;
    }

    private static async Task<IReadOnlyDictionary<string, (long Revision, string Value)>> AssertUnchangedAsync(
        ClusterStateReader etcd, IReadOnlyDictionary<string, (long Revision, string Value)> before, string what, List<string> failures, CancellationToken ct)
    {
        var after = await etcd.ReadAllAsync(ct);
        var changed = before.Keys.Union(after.Keys).Where(k => !IsBackground(k) && before.GetValueOrDefault(k) != after.GetValueOrDefault(k)).ToList();
        if (changed.Count > 0)
        {
            failures.Add($"{what}: changed etcd keys {string.Join(", ", changed.Take(5))}");
        }
        return after;
    }

    /// <summary>Keys the node rewrites on its own (liveness, its published live status), whatever the requests.</summary>
    private static bool IsBackground(string key) =>
        key.Contains("/heartbeat", StringComparison.Ordinal) || key.Contains("/leases/", StringComparison.Ordinal) || key.Contains("/v1/live/", StringComparison.Ordinal);

    /// <summary>One or more values outside the parameter's schema, each with what it violates.</summary>
    private static IEnumerable<(string Kind, string Value)> BadValues(JsonObject schema)
    {
        var type = (string?)schema["type"] ?? "string";
        switch (type)
        {
            case "integer" or "number":
                yield return ("type", "12abc");
                yield return ("unicode digits", "\u0661\u0662\u0663");
                break;
            case "boolean":
                yield return ("type", "maybe");
                break;
        }
        if (Number(schema["minimum"]) is { } min && type is "integer" or "number")
        {
            yield return ("minimum", (min - 1).ToString(CultureInfo.InvariantCulture));
        }
        if (Number(schema["maximum"]) is { } max && type is "integer" or "number")
        {
            yield return ("maximum", (max + 1).ToString(CultureInfo.InvariantCulture));
            yield return ("huge", "99999999999999999999999");
        }
        if (Number(schema["maxLength"]) is { } maxLength && type == "string")
        {
            yield return ("maxLength", new string('a', (int)maxLength + 1));
        }
        if (schema["enum"] is JsonArray && type == "string")
        {
            yield return ("enum", "zz-not-in-enum");
        }
        if (schema["pattern"] is not null && type == "string")
        {
            yield return ("pattern", "\u0001 ");
        }
    }

    private static decimal? Number(JsonNode? node) => node is JsonValue value
        ? decimal.Parse(value.ToJsonString().Trim('"'), NumberStyles.Float, CultureInfo.InvariantCulture)
        : null;

    private static string Shorten(string text) => text.Length > 160 ? text[..160] + "…" : text;
}
