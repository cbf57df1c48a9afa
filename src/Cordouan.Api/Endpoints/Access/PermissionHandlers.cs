using System.Text.Json.Nodes;
using Cordouan.Access;
using Cordouan.Access.Permissions;
using Cordouan.Api.Auth;
using Cordouan.Api.Http;
using Microsoft.AspNetCore.Http;

namespace Cordouan.Api.Endpoints.Access;

/// <summary>Permissions, realms, roles and ACL.</summary>
public static class PermissionHandlers
{
    public static async Task<IResult> PermissionsAsync(HttpContext http, PermissionChecker permissions)
    {
        var reader = await ParamReader.ReadAsync(http);
        var userId = reader.String("userid");
        var path = reader.String("path");
        reader.Validate();
        var caller = http.GetCaller();
        var subject = caller;
        if (userId is not null && userId != caller.Name)
        {
            await permissions.CheckAsync(caller, "/access", "Sys.Audit", http.RequestAborted);
            subject = AccessIdentity.TryParse(userId, out var parsed) ? parsed : throw new Core.Errors.ValidationException("userid", $"invalid format - value '{userId}' does not look like a valid user name");
        }
        var result = new JsonObject();
        foreach (var (aclPath, privileges) in await permissions.PermissionsAsync(subject, path, http.RequestAborted))
        {
            var privs = new JsonObject();
            foreach (var (privilege, value) in privileges)
            {
                privs[privilege] = value;
            }
            result[aclPath] = privs;
        }
        return PveResult.Ok(result);
    }

    public static IResult DomainsAsync() => PveResult.List(
    [
        new JsonObject { ["realm"] = "pam", ["type"] = "pam", ["comment"] = "Linux PAM standard authentication" },
        new JsonObject { ["realm"] = "pve", ["type"] = "pve", ["comment"] = "Cordouan authentication server" },
    ]);

    public static IResult RolesAsync(RoleCatalog roles)
    {
        var items = new JsonArray();
        foreach (var (role, privileges) in roles.Roles.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            items.Add(new JsonObject { ["roleid"] = role, ["privs"] = string.Join(',', privileges.Order(StringComparer.Ordinal)), ["special"] = 1 });
        }
        return PveResult.List(items);
    }

    public static async Task<IResult> AclListAsync(HttpContext http, AclStore acl, PermissionChecker permissions)
    {
        (await ParamReader.ReadAsync(http)).Validate();
        await permissions.CheckAsync(http.GetCaller(), "/access", "Sys.Audit", http.RequestAborted);
        var items = new JsonArray();
        foreach (var entry in await acl.ListAsync(http.RequestAborted))
        {
            items.Add(new JsonObject
            {
                ["path"] = entry.Path,
                ["type"] = entry.Type switch { AclSubjectType.Group => "group", AclSubjectType.Token => "token", _ => "user" },
                ["ugid"] = entry.Subject,
                ["roleid"] = entry.Role,
                ["propagate"] = entry.Propagate ? 1 : 0,
            });
        }
        return PveResult.List(items);
    }

    public static async Task<IResult> AclUpdateAsync(HttpContext http, AclStore acl, PermissionChecker permissions)
    {
        var reader = await ParamReader.ReadAsync(http);
        var path = reader.RequiredString("path");
        var roles = Split(reader.RequiredString("roles"));
        var update = new AclUpdate
        {
            Path = path,
            Roles = roles,
            Users = Split(reader.String("users")),
            Groups = Split(reader.String("groups")),
            Tokens = Split(reader.String("tokens")),
            Propagate = reader.Boolean("propagate") ?? true,
            Delete = reader.Boolean("delete") ?? false,
        };
        reader.String("digest");
        reader.Validate();
        await permissions.CheckAclChangeAsync(http.GetCaller(), update, http.RequestAborted);
        await acl.UpdateAsync(update, http.RequestAborted);
        return PveResult.Ok((JsonNode?)null);
    }

    internal static List<string> Split(string? text) =>
        text is null ? [] : text.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}
