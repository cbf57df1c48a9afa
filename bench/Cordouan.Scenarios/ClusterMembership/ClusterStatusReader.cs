using System.Text.Json.Nodes;

namespace Cordouan.Scenarios.ClusterMembership;

/// <summary>Reads the items of <c>GET /cluster/status</c>; flags are 0/1 on the wire (booleans accepted too).</summary>
public static class ClusterStatusReader
{
    /// <summary>The cluster item's <c>quorate</c>, or null when the answer has none.</summary>
    public static bool? Quorate(JsonNode? data) => Flag(Items(data).FirstOrDefault(i => Text(i, "type") == "cluster")?["quorate"]);

    /// <summary>True when the node item named <paramref name="node"/> says <c>online=1</c>.</summary>
    public static bool IsOnline(JsonNode? data, string node) =>
        Items(data).Any(i => Text(i, "type") == "node" && Text(i, "name") == node && Flag(i["online"]) == true);

    private static IEnumerable<JsonNode> Items(JsonNode? data) => data is JsonArray items ? items.OfType<JsonNode>() : [];

    private static string? Text(JsonNode item, string field) =>
        item[field] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static bool? Flag(JsonNode? node) => node switch
    {
        JsonValue value when value.TryGetValue<int>(out var number) => number != 0,
        JsonValue value when value.TryGetValue<bool>(out var flag) => flag,
        _ => null,
    };
}
