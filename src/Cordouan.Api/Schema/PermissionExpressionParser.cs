using System.Text.Json.Nodes;

namespace Cordouan.Api.Schema;

/// <summary>
/// Reads a method's <c>permissions</c> from the facts file: <c>"world"</c>, <c>"all"</c>, <c>null</c> (root only), or a
/// <c>check</c> array as Proxmox writes it (<c>["perm", path, [privs], "any", 1]</c>, options as trailing key/value pairs).
/// </summary>
public static class PermissionExpressionParser
{
    public static MethodPermission Parse(JsonNode? node) => node switch
    {
        null => MethodPermission.RootOnly,
        JsonValue value when value.TryGetValue<string>(out var text) => text switch
        {
            "world" => MethodPermission.World,
            "all" => MethodPermission.All,
            _ => throw new FormatException($"unknown permissions '{text}'"),
        },
        JsonArray array => new MethodPermission(PermissionMode.Check, ParseCheck(array)),
        _ => throw new FormatException($"unknown permissions {node.ToJsonString()}"),
    };

    public static PermissionCheck ParseCheck(JsonArray check)
    {
        var test = Text(check[0]);
        switch (test)
        {
            case "and":
                return new AndCheck([.. check.Skip(1).Select(c => ParseCheck(AsArray(c)))]);
            case "or":
                return new OrCheck([.. check.Skip(1).Select(c => ParseCheck(AsArray(c)))]);
            case "perm":
                {
                    var options = Options(check, 3);
                    return new PathPermissionCheck(
                        Text(check[1]),
                        Privileges(check[2]),
                        Any: options.TryGetValue("any", out var any) && any is not ("" or "0"),
                        RequireParam: options.GetValueOrDefault("require_param"));
                }
            case "userid-param":
                {
                    var subtest = Text(check[1]);
                    return subtest is UseridParamCheck.Self or UseridParamCheck.RealmAllocateUser
                        ? new UseridParamCheck(subtest)
                        : throw new FormatException($"unknown userid-param test '{subtest}'");
                }
            case "userid-group":
                return new UseridGroupCheck(Privileges(check[1]), Options(check, 2).GetValueOrDefault("groups_param"));
            case "perm-modify":
                return new PermModifyCheck(Text(check[1]));
            default:
                throw new FormatException($"unknown permission test '{test}'");
        }
    }

    private static Dictionary<string, string> Options(JsonArray check, int start)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = start; i + 1 < check.Count; i += 2)
        {
            options[Text(check[i])] = check[i + 1] is JsonValue v && v.TryGetValue<string>(out var s) ? s : check[i + 1]?.ToJsonString() ?? "";
        }
        return options;
    }

    private static string[] Privileges(JsonNode? node) => [.. AsArray(node).Select(Text)];

    private static JsonArray AsArray(JsonNode? node) => node as JsonArray ?? throw new FormatException($"expected an array, got {node?.ToJsonString()}");

    private static string Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : throw new FormatException($"expected a string, got {node?.ToJsonString()}");
}
