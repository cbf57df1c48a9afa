using System.Text.Json.Nodes;
using Cordouan.Access.Permissions;
using Cordouan.Access.Tokens;
using Cordouan.Access.Users;
using Cordouan.Api.Auth;
using Cordouan.Api.Http;
using Microsoft.AspNetCore.Http;

namespace Cordouan.Api.Endpoints.Access;

/// <summary>
/// User administration (<c>/access/users</c>, <c>/access/password</c>). Beyond Proxmox, User.Modify reaches only users
/// holding no privilege the caller lacks (<see cref="PermissionChecker.CheckUserManagementAsync"/>).
/// </summary>
public static class UserHandlers
{
    public static async Task<IResult> ListAsync(HttpContext http, UserStore users, ApiTokenService tokens, PermissionChecker permissions)
    {
        var reader = await ParamReader.ReadAsync(http);
        var full = reader.Boolean("full") ?? false;
        reader.Boolean("enabled");
        reader.Validate();
        var caller = http.GetCaller();
        var canSeeAll = await permissions.HasPrivilegeAsync(caller, "/access", "Sys.Audit", http.RequestAborted)
            || await permissions.HasPrivilegeAsync(caller, "/access", "User.Modify", http.RequestAborted);
        var items = new JsonArray();
        foreach (var user in await users.ListAsync(http.RequestAborted))
        {
            if (!canSeeAll && user.UserId != caller.UserId)
            {
                continue;
            }
            var item = ToJson(user);
            if (full)
            {
                var list = new JsonArray();
                foreach (var token in await tokens.ListAsync(user.UserId, http.RequestAborted))
                {
                    list.Add(TokenHandlers.ToJson(token));
                }
                item["tokens"] = list;
            }
            items.Add(item);
        }
        return PveResult.List(items);
    }

    public static async Task<IResult> CreateAsync(HttpContext http, UserStore users, PermissionChecker permissions)
    {
        var reader = await ParamReader.ReadAsync(http);
        var user = new NewUser
        {
            UserId = reader.RequiredString("userid"),
            Password = reader.String("password"),
            Enable = reader.Boolean("enable") ?? true,
            Expire = reader.Integer("expire", 0) ?? 0,
            Firstname = reader.String("firstname"),
            Lastname = reader.String("lastname"),
            Email = reader.String("email"),
            Comment = reader.String("comment"),
            Groups = PermissionHandlers.Split(reader.String("groups")),
        };
        reader.String("keys");
        reader.Validate();
        var caller = http.GetCaller();
        await permissions.CheckAsync(caller, "/access", "User.Modify", http.RequestAborted);
        await permissions.CheckUserManagementAsync(caller, user.UserId, user.Groups, http.RequestAborted);
        await users.CreateAsync(user, http.RequestAborted);
        return PveResult.Ok((JsonNode?)null);
    }

    public static async Task<IResult> GetAsync(HttpContext http, string userid, UserStore users, PermissionChecker permissions)
    {
        (await ParamReader.ReadAsync(http, new Dictionary<string, string> { ["userid"] = userid })).Validate();
        var caller = http.GetCaller();
        if (caller.UserId != userid)
        {
            await permissions.CheckAsync(caller, "/access", "Sys.Audit", http.RequestAborted);
        }
        var item = ToJson(await users.GetAsync(userid, http.RequestAborted));
        item.Remove("userid");
        return PveResult.Ok(item);
    }

    public static async Task<IResult> UpdateAsync(HttpContext http, string userid, UserStore users, PermissionChecker permissions)
    {
        var reader = await ParamReader.ReadAsync(http, new Dictionary<string, string> { ["userid"] = userid });
        var groups = reader.String("groups");
        var update = new UserUpdate
        {
            Enable = reader.Boolean("enable"),
            Expire = reader.Integer("expire", 0),
            Firstname = reader.String("firstname"),
            Lastname = reader.String("lastname"),
            Email = reader.String("email"),
            Comment = reader.String("comment"),
            Groups = groups is null ? null : PermissionHandlers.Split(groups),
            AppendGroups = reader.Boolean("append") ?? false,
        };
        reader.String("keys");
        reader.Validate();
        var caller = http.GetCaller();
        await permissions.CheckAsync(caller, "/access", "User.Modify", http.RequestAborted);
        // Judged with the groups it will have, so that nobody (the caller included) joins a group stronger than the caller.
        var groupsAfter = update.Groups is null ? null
            : update.AppendGroups ? [.. ((await users.FindAsync(userid, http.RequestAborted))?.Groups ?? []).Union(update.Groups, StringComparer.Ordinal)]
            : update.Groups;
        await permissions.CheckUserManagementAsync(caller, userid, groupsAfter, http.RequestAborted);
        await users.UpdateAsync(userid, update, http.RequestAborted);
        return PveResult.Ok((JsonNode?)null);
    }

    public static async Task<IResult> DeleteAsync(HttpContext http, string userid, UserStore users, PermissionChecker permissions)
    {
        (await ParamReader.ReadAsync(http, new Dictionary<string, string> { ["userid"] = userid })).Validate();
        var caller = http.GetCaller();
        await permissions.CheckAsync(caller, "/access", "User.Modify", http.RequestAborted);
        await permissions.CheckUserManagementAsync(caller, userid, groups: null, http.RequestAborted);
        await users.DeleteAsync(userid, http.RequestAborted);
        return PveResult.Ok((JsonNode?)null);
    }

    /// <summary>
    /// Users change their own password; changing another's needs User.Modify and every privilege that user holds (root@pam's:
    /// root@pam only). Tokens may not (spec §2). The user's existing tickets end.
    /// </summary>
    public static async Task<IResult> PasswordAsync(HttpContext http, UserStore users, PermissionChecker permissions)
    {
        var reader = await ParamReader.ReadAsync(http);
        var userid = reader.RequiredString("userid");
        var password = reader.RequiredString("password");
        reader.String("confirmation-password");
        reader.Validate();
        var caller = http.GetCaller();
        if (caller.IsToken)
        {
            throw new Core.Errors.PermissionDeniedException("/access", "User.Modify");
        }
        if (caller.UserId != userid)
        {
            await permissions.CheckAsync(caller, "/access", "User.Modify", http.RequestAborted);
            await permissions.CheckUserManagementAsync(caller, userid, groups: null, http.RequestAborted);
        }
        await users.SetPasswordAsync(userid, password, http.RequestAborted);
        return PveResult.Ok((JsonNode?)null);
    }

    private static JsonObject ToJson(User user)
    {
        var item = new JsonObject { ["userid"] = user.UserId, ["enable"] = user.Enable ? 1 : 0, ["expire"] = user.Expire, ["realm-type"] = user.Realm };
        Add(item, "firstname", user.Firstname);
        Add(item, "lastname", user.Lastname);
        Add(item, "email", user.Email);
        Add(item, "comment", user.Comment);
        if (user.Groups.Count > 0)
        {
            item["groups"] = string.Join(',', user.Groups);
        }
        return item;
    }

    private static void Add(JsonObject item, string key, string? value)
    {
        if (value is not null)
        {
            item[key] = value;
        }
    }
}
