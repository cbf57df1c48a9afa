using System.Globalization;
using System.Text.Json.Nodes;
using Cordouan.Node.Config;

namespace Cordouan.Api.Http;

/// <summary>Config maps as Proxmox returns them: booleans and integers as JSON integers, everything else as strings.</summary>
public static class ConfigJson
{
    public static JsonObject ToJson(IReadOnlyDictionary<string, string> config)
    {
        var result = new JsonObject();
        foreach (var (key, value) in config.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            result[key] = Typed(key, value);
        }
        return result;
    }

    public static JsonNode? Typed(string key, string value)
    {
        if (key == "cipassword")
        {
            return "**********";
        }
        var kind = VmConfigSchema.RuleFor(key)?.Kind;
        return kind is ConfigKeyKind.Boolean or ConfigKeyKind.Integer
            && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
            ? JsonValue.Create(n)
            : JsonValue.Create(value);
    }
}
