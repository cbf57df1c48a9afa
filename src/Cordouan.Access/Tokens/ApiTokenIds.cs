using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using Cordouan.Access.Users;
using Cordouan.Core.Errors;

namespace Cordouan.Access.Tokens;

/// <summary>API token ids: a token's own id (<c>[A-Za-z][A-Za-z0-9.-_]+</c>) and the full id <c>user@realm!tokenid</c>.</summary>
public static partial class ApiTokenIds
{
    public static bool IsValidTokenId(string? tokenId) => tokenId is { Length: <= 64 } && TokenIdPattern().IsMatch(tokenId);

    /// <summary>Throws <see cref="ValidationException"/> on field <c>tokenid</c> unless the id is valid.</summary>
    public static void ValidateTokenId(string? tokenId)
    {
        if (!IsValidTokenId(tokenId))
        {
            throw new ValidationException("tokenid", $"invalid format - value '{tokenId}' does not look like a valid token ID");
        }
    }

    public static string Join(string userId, string tokenId) => userId + "!" + tokenId;

    /// <summary>Splits <c>user@realm!tokenid</c>; false unless both parts are valid.</summary>
    public static bool TrySplit(string fullTokenId, [NotNullWhen(true)] out string? userId, [NotNullWhen(true)] out string? tokenId)
    {
        userId = tokenId = null;
        var bang = fullTokenId.IndexOf('!', StringComparison.Ordinal);
        if (bang <= 0)
        {
            return false;
        }
        var user = fullTokenId[..bang];
        var token = fullTokenId[(bang + 1)..];
        if (!UserIds.IsValid(user) || !IsValidTokenId(token))
        {
            return false;
        }
        userId = user;
        tokenId = token;
        return true;
    }

    internal static NotFoundException NoSuchToken(string userId, string tokenId) => new($"no such token '{tokenId}' for user '{userId}'");

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9.\\-_]+$")]
    private static partial Regex TokenIdPattern();
}
