using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cordouan.Api.Schema;

/// <summary>
/// Proxmox VE 9.1's API methods (embedded <c>pve-9.1-api-facts.json</c>: path, permissions, parameters), loaded once and
/// matched against request paths. One instance per process (DI singleton).
/// </summary>
public sealed class PveApiSchema
{
    private const string ResourceName = "Cordouan.Api.Schema.pve-9.1-api-facts.json";
    private const string ApiPrefix = "/api2/json";
    private readonly PathTemplateMatcher _matcher = new();

    public PveApiSchema(IEnumerable<ApiMethod> methods)
    {
        Methods = [.. methods];
        foreach (var method in Methods)
        {
            _matcher.Add(method);
        }
    }

    public IReadOnlyList<ApiMethod> Methods { get; }

    /// <summary>The facts embedded in this assembly.</summary>
    public static PveApiSchema LoadEmbedded()
    {
        using var stream = typeof(PveApiSchema).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded resource {ResourceName} is missing");
        return Load(stream);
    }

    public static PveApiSchema Load(Stream facts)
    {
        var root = JsonNode.Parse(facts) as JsonArray ?? throw new FormatException("the API facts must be a JSON array");
        return new PveApiSchema(root.Select(m => ParseMethod(m!.AsObject())));
    }

    /// <summary>The method for a request path under <c>/api2/json</c>; null for other paths and for methods Proxmox does not have.</summary>
    public ApiMethodMatch? Match(string httpMethod, string requestPath)
    {
        if (!requestPath.StartsWith(ApiPrefix, StringComparison.Ordinal)
            || (requestPath.Length > ApiPrefix.Length && requestPath[ApiPrefix.Length] != '/'))
        {
            return null;
        }
        return _matcher.Match(httpMethod, requestPath[ApiPrefix.Length..]);
    }

    private static ApiMethod ParseMethod(JsonObject method)
    {
        var parameters = new Dictionary<string, ApiParameter>(StringComparer.Ordinal);
        foreach (var (name, schema) in method["parameters"]?.AsObject() ?? [])
        {
            parameters[name] = ParseParameter(name, schema!.AsObject());
        }
        return new ApiMethod(
            (string)method["method"]!,
            (string)method["path"]!,
            PermissionExpressionParser.Parse(method["permissions"]),
            Flag(method["allowtoken"]),
            parameters);
    }

    private static ApiParameter ParseParameter(string name, JsonObject schema) => new(
        name,
        schema["type"] is JsonValue type ? (string)type! : "string",
        Flag(schema["optional"]),
        Format: schema["format"] is JsonValue format ? (string)format! : null,
        Minimum: Number(schema["minimum"]),
        Maximum: Number(schema["maximum"]),
        MaxLength: (int?)Number(schema["maxLength"]),
        MinLength: (int?)Number(schema["minLength"]),
        Enum: schema["enum"] is JsonArray values ? [.. values.Select(v => Scalar(v))] : null,
        Pattern: schema["pattern"] is JsonValue pattern ? PerlPattern.Compile((string)pattern!) : null);

    private static bool Flag(JsonNode? node) => node is JsonValue value && value.GetValueKind() switch
    {
        JsonValueKind.True => true,
        JsonValueKind.Number => value.GetValue<double>() != 0,
        JsonValueKind.String => value.GetValue<string>() is not ("" or "0"),
        _ => false,
    };

    private static double? Number(JsonNode? node) => node is JsonValue value
        ? value.GetValueKind() == JsonValueKind.Number
            ? value.GetValue<double>()
            : double.Parse(value.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture)
        : null;

    private static string Scalar(JsonNode? node) => node is JsonValue value && value.GetValueKind() == JsonValueKind.String
        ? value.GetValue<string>()
        : node?.ToJsonString() ?? "";
}
