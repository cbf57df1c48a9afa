using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Cordouan.Api.Http;

/// <summary>
/// Request parameters as Proxmox reads them: query string for GET/DELETE; form or JSON body for POST/PUT with query keys
/// merged over body keys. Booleans from JSON become 1/0, numbers keep their text.
/// </summary>
public sealed class PveParameters
{
    private readonly Dictionary<string, List<string>> _values;

    private PveParameters(Dictionary<string, List<string>> values)
    {
        _values = values;
    }

    public IEnumerable<string> Names => _values.Keys;

    public static async Task<PveParameters> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        if (request.Method is "POST" or "PUT" && request.ContentLength is not 0)
        {
            if (request.HasFormContentType)
            {
                var form = await request.ReadFormAsync(cancellationToken);
                foreach (var (key, value) in form)
                {
                    values[key] = value.Select(v => v ?? "").ToList();
                }
            }
            else if (request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true)
            {
                using var doc = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
                if (doc.RootElement.ValueKind == JsonValueKind.Object)
                {
                    foreach (var property in doc.RootElement.EnumerateObject())
                    {
                        values[property.Name] = property.Value.ValueKind == JsonValueKind.Array
                            ? property.Value.EnumerateArray().Select(JsonText).ToList()
                            : [JsonText(property.Value)];
                    }
                }
            }
        }
        foreach (var (key, value) in request.Query)
        {
            values[key] = value.Select(v => v ?? "").ToList();
        }
        return new PveParameters(values);
    }

    public string? Get(string name) => _values.TryGetValue(name, out var list) && list.Count > 0 ? list[^1] : null;

    public IReadOnlyList<string> GetAll(string name) => _values.TryGetValue(name, out var list) ? list : [];

    public bool Has(string name) => _values.ContainsKey(name);

    /// <summary>Every parameter except the listed ones, as single values (last wins).</summary>
    public Dictionary<string, string> Except(IReadOnlySet<string> excluded) =>
        _values.Where(p => !excluded.Contains(p.Key) && p.Value.Count > 0).ToDictionary(p => p.Key, p => p.Value[^1], StringComparer.Ordinal);

    private static string JsonText(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.True => "1",
        JsonValueKind.False => "0",
        JsonValueKind.String => element.GetString() ?? "",
        JsonValueKind.Number => element.GetRawText(),
        JsonValueKind.Null => "",
        _ => element.GetRawText(),
    };

    /// <summary>Formats an integer the invariant way.</summary>
    public static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
