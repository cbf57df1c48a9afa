using System.Text.Json.Nodes;

namespace Cordouan.Integration.Tests.Api.Schema;

/// <summary>
/// A deliberately small reading of Proxmox's <c>exec_api2_perm_check</c> over the facts file's JSON, for a caller holding one
/// role on one ACL path (propagating) and nothing else: privileges on a path are the role's if the grant path is the path or an
/// ancestor of it. Written from Proxmox's source, not from Cordouan's evaluator.
/// </summary>
internal sealed class PermissionOracle(string role, string grantPath, string caller, IReadOnlyDictionary<string, string> parameters, string targetUserGroups)
{
    public bool Allows(JsonNode? permissions)
    {
        if (permissions is null)
        {
            return false; // root@pam only
        }
        if (permissions is JsonValue value)
        {
            return value.GetValue<string>() is "all" or "world";
        }
        return Exec(permissions.AsArray());
    }

    private bool Exec(JsonArray check)
    {
        var test = check[0]!.GetValue<string>();
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        switch (test)
        {
            case "and":
                return check.Skip(1).All(c => Exec(c!.AsArray()));
            case "or":
                return check.Skip(1).Any(c => Exec(c!.AsArray()));
            case "perm":
                for (var i = 3; i + 1 < check.Count; i += 2)
                {
                    options[check[i]!.GetValue<string>()] = check[i + 1]!.ToJsonString().Trim('"');
                }
                if (options.TryGetValue("require_param", out var required) && !parameters.ContainsKey(required))
                {
                    return false;
                }
                var privileges = check[2]!.AsArray().Select(p => p!.GetValue<string>()).ToList();
                var path = Fill(check[1]!.GetValue<string>());
                return options.ContainsKey("any") ? privileges.Any(p => Holds(path, p)) : privileges.All(p => Holds(path, p));
            case "userid-param":
                return check[1]!.GetValue<string>() == "self"
                    ? parameters.GetValueOrDefault("userid") == caller
                    : Holds("/access/realm/" + parameters["userid"].Split('@')[^1], "Realm.AllocateUser");
            case "userid-group":
                {
                    var groupPrivileges = check[1]!.AsArray().Select(p => p!.GetValue<string>()).ToList();
                    if (groupPrivileges.Any(p => Holds("/access/groups", p)))
                    {
                        return true;
                    }
                    var groupsParam = check.Count > 3 ? check[3]!.GetValue<string>() : null;
                    var named = parameters.GetValueOrDefault("groups")?.Split(',', StringSplitOptions.RemoveEmptyEntries) ?? [];
                    if (groupsParam is not null && (named.Length == 0 || !named.All(g => groupPrivileges.Any(p => Holds("/access/groups/" + g, p)))))
                    {
                        return false;
                    }
                    return groupsParam == "create"
                        || targetUserGroups.Split(',', StringSplitOptions.RemoveEmptyEntries).Any(g => groupPrivileges.Any(p => Holds("/access/groups/" + g, p)));
                }
            case "perm-modify":
                {
                    var target = Fill(check[1]!.GetValue<string>()).TrimEnd('/');
                    List<string> tested = ["Permissions.Modify"];
                    if (target.StartsWith("/storage/", StringComparison.Ordinal))
                    {
                        tested.Add("Datastore.Allocate");
                    }
                    else if (target.StartsWith("/vms/", StringComparison.Ordinal))
                    {
                        tested.Add("VM.Allocate");
                    }
                    else if (target.StartsWith("/pool/", StringComparison.Ordinal))
                    {
                        tested.Add("Pool.Allocate");
                    }
                    return tested.Any(p => Holds(target, p));
                }
            default:
                throw new InvalidOperationException("unknown permission test " + test);
        }
    }

    private string Fill(string template)
    {
        foreach (var (name, value) in parameters)
        {
            template = template.Replace("{" + name + "}", value, StringComparison.Ordinal);
        }
        return System.Text.RegularExpressions.Regex.Replace(template, "\\{[^}]+\\}", "-");
    }

    private bool Holds(string path, string privilege) =>
        (path == grantPath || grantPath == "/" || path.StartsWith(grantPath + "/", StringComparison.Ordinal))
        && ProxmoxRoles.Roles[role].Contains(privilege);
}
