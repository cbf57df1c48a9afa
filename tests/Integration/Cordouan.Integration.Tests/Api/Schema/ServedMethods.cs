using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Cordouan.Testing.Daemon;

namespace Cordouan.Integration.Tests.Api.Schema;

/// <summary>
/// The Proxmox methods a node serves: its <c>/api2/openapi.json</c> route table matched to the facts file (the copy
/// embedded in Cordouan.Api), by shape (<c>{param}</c> names and route constraints ignored).
/// </summary>
internal static partial class ServedMethods
{
    public static JsonArray Facts { get; } = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "src/Cordouan.Api/Schema/pve-9.1-api-facts.json")))!.AsArray();

    public static async Task<IReadOnlyList<JsonObject>> LoadAsync(CordouandNode node, PveHttp admin, CancellationToken cancellationToken)
    {
        using var http = new HttpClient(PveHttp.PinnedHandler(node.CertificatePem)) { BaseAddress = node.BaseAddress };
        http.DefaultRequestHeaders.Add("Cookie", "PVEAuthCookie=" + Uri.EscapeDataString(admin.Ticket!));
        var openApi = JsonNode.Parse(await http.GetStringAsync("/api2/openapi.json", cancellationToken))!.AsObject();
        var served = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (path, operations) in openApi["paths"]!.AsObject())
        {
            if (!path.StartsWith("/api2/json/", StringComparison.Ordinal))
            {
                continue;
            }
            foreach (var (verb, _) in operations!.AsObject())
            {
                served.Add(verb.ToUpperInvariant() + " " + Shape(path["/api2/json".Length..]));
            }
        }
        return [.. Facts.Select(m => m!.AsObject()).Where(m => served.Contains((string)m["method"]! + " " + Shape((string)m["path"]!)))];
    }

    /// <summary>A concrete path for a template: each <c>{name}</c> from <paramref name="values"/> (escaped), else <c>x1</c>.</summary>
    public static string Fill(string template, IReadOnlyDictionary<string, string> values) =>
        Parameter().Replace(template, m => Uri.EscapeDataString(values.GetValueOrDefault(m.Groups[1].Value, "x1")));

    public static IEnumerable<string> PathParameters(string template) => Parameter().Matches(template).Select(m => m.Groups[1].Value);

    public static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Shape(string path) => Parameter().Replace(path, "{}");

    [GeneratedRegex(@"\{\**([^}:]+)(?::[^}]*)?\}")]
    private static partial Regex Parameter();
}
