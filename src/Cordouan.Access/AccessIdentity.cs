using System.Diagnostics.CodeAnalysis;
using Cordouan.Access.Tokens;
using Cordouan.Access.Users;

namespace Cordouan.Access;

/// <summary>Who a request runs as: a user, or one of that user's API tokens.</summary>
/// <param name="UserId">The user, <c>name@realm</c>.</param>
/// <param name="TokenId">The token's own id (the part after <c>!</c>), null for the user itself.</param>
/// <param name="PrivilegeSeparation">For a token: whether its privileges are limited by its own ACL entries.</param>
public sealed record AccessIdentity(string UserId, string? TokenId = null, bool PrivilegeSeparation = false)
{
    /// <summary>The host's superuser, which always exists and holds every privilege.</summary>
    public const string RootUserId = "root@pam";

    public bool IsToken => TokenId is not null;

    /// <summary>True for root@pam itself (not for its tokens).</summary>
    public bool IsRoot => TokenId is null && UserId == RootUserId;

    /// <summary>The name Proxmox shows in UPIDs and ACLs: <c>user@realm</c> or <c>user@realm!tokenid</c>.</summary>
    public string Name => TokenId is null ? UserId : ApiTokenIds.Join(UserId, TokenId);

    public static AccessIdentity ForUser(string userId) => new(userId);

    /// <summary>Parses <c>user@realm</c> or <c>user@realm!tokenid</c> (as in <c>GET /access/permissions?userid=</c>); privilege separation is looked up later.</summary>
    public static bool TryParse(string value, [NotNullWhen(true)] out AccessIdentity? identity)
    {
        identity = null;
        var bang = value.IndexOf('!', StringComparison.Ordinal);
        var user = bang < 0 ? value : value[..bang];
        if (!UserIds.IsValid(user))
        {
            return false;
        }
        if (bang < 0)
        {
            identity = new AccessIdentity(user);
            return true;
        }
        var token = value[(bang + 1)..];
        if (!ApiTokenIds.IsValidTokenId(token))
        {
            return false;
        }
        identity = new AccessIdentity(user, token, PrivilegeSeparation: true);
        return true;
    }
}
