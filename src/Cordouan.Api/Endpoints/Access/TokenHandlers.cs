using System.Text.Json.Nodes;
using Cordouan.Access.Permissions;
using Cordouan.Access.Tokens;
using Cordouan.Api.Auth;
using Cordouan.Api.Http;
using Cordouan.Core.Errors;
using Microsoft.AspNetCore.Http;

namespace Cordouan.Api.Endpoints.Access;

/// <summary>
/// API tokens (<c>/access/users/{userid}/token</c>): the secret is returned once, at creation. Beyond Proxmox, tokens are
/// created only for oneself (root@pam: for anyone), and another user's tokens are managed only by a holder of every
/// privilege that user has.
/// </summary>
public static class TokenHandlers
{
    public static async Task<IResult> ListAsync(HttpContext http, string userid, ApiTokenService tokens, PermissionChecker permissions)
    {
        (await ParamReader.ReadAsync(http, new Dictionary<string, string> { ["userid"] = userid })).Validate();
        await CheckOwnerOrAdminAsync(http, userid, permissions);
        var items = new JsonArray();
        foreach (var token in await tokens.ListAsync(userid, http.RequestAborted))
        {
            items.Add(ToJson(token));
        }
        return PveResult.List(items);
    }

    public static async Task<IResult> GetAsync(HttpContext http, string userid, string tokenid, ApiTokenService tokens, PermissionChecker permissions)
    {
        (await ParamReader.ReadAsync(http, Path(userid, tokenid))).Validate();
        await CheckOwnerOrAdminAsync(http, userid, permissions);
        var item = ToJson(await tokens.GetAsync(userid, tokenid, http.RequestAborted));
        item.Remove("tokenid");
        return PveResult.Ok(item);
    }

    public static async Task<IResult> CreateAsync(HttpContext http, string userid, string tokenid, ApiTokenService tokens, PermissionChecker permissions)
    {
        var reader = await ParamReader.ReadAsync(http, Path(userid, tokenid));
        var options = new NewToken
        {
            Comment = reader.String("comment"),
            Expire = reader.Integer("expire", 0) ?? 0,
            PrivilegeSeparation = reader.Boolean("privsep") ?? true,
        };
        reader.Validate();
        var caller = http.GetCaller();
        // Beyond Proxmox: a token is created by its own user (or by a token of that user with the user's privileges), or by root@pam.
        if (caller.UserId != userid && !caller.IsRoot)
        {
            throw new PermissionDeniedException("/access/users/" + userid, "User.Modify");
        }
        await CheckOwnerOrAdminAsync(http, userid, permissions);
        var created = await tokens.CreateAsync(userid, tokenid, options, http.RequestAborted);
        var info = ToJson(created.Info);
        info.Remove("tokenid");
        return PveResult.Ok(new JsonObject { ["full-tokenid"] = created.FullTokenId, ["info"] = info, ["value"] = created.Value });
    }

    public static async Task<IResult> UpdateAsync(HttpContext http, string userid, string tokenid, ApiTokenService tokens, PermissionChecker permissions)
    {
        var reader = await ParamReader.ReadAsync(http, Path(userid, tokenid));
        var update = new TokenUpdate { Comment = reader.String("comment"), Expire = reader.Integer("expire", 0), PrivilegeSeparation = reader.Boolean("privsep") };
        reader.Validate();
        await CheckOwnerOrAdminAsync(http, userid, permissions);
        var item = ToJson(await tokens.UpdateAsync(userid, tokenid, update, http.RequestAborted));
        item.Remove("tokenid");
        return PveResult.Ok(item);
    }

    public static async Task<IResult> DeleteAsync(HttpContext http, string userid, string tokenid, ApiTokenService tokens, PermissionChecker permissions)
    {
        (await ParamReader.ReadAsync(http, Path(userid, tokenid))).Validate();
        await CheckOwnerOrAdminAsync(http, userid, permissions);
        await tokens.DeleteAsync(userid, tokenid, http.RequestAborted);
        return PveResult.Ok((JsonNode?)null);
    }

    public static JsonObject ToJson(TokenInfo token)
    {
        var item = new JsonObject { ["tokenid"] = token.TokenId, ["expire"] = token.Expire, ["privsep"] = token.PrivilegeSeparation ? 1 : 0 };
        if (token.Comment is not null)
        {
            item["comment"] = token.Comment;
        }
        return item;
    }

    private static Dictionary<string, string> Path(string userid, string tokenid) => new() { ["userid"] = userid, ["tokenid"] = tokenid };

    /// <summary>A user manages its own tokens; anyone else (its tokens included) needs User.Modify and every privilege the user holds.</summary>
    private static async Task CheckOwnerOrAdminAsync(HttpContext http, string userid, PermissionChecker permissions)
    {
        var caller = http.GetCaller();
        if (caller.UserId != userid || caller.IsToken)
        {
            await permissions.CheckAsync(caller, "/access", "User.Modify", http.RequestAborted);
            await permissions.CheckUserManagementAsync(caller, userid, groups: null, http.RequestAborted);
        }
    }
}
