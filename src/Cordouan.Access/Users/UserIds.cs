using Cordouan.Core.Errors;

namespace Cordouan.Access.Users;

/// <summary>Parsing and validation of user ids <c>name@realm</c> (realms <c>pve</c> and <c>pam</c>).</summary>
public static class UserIds
{
    public const string PveRealm = "pve";
    public const string PamRealm = "pam";

    private const int MaxLength = 64;

    /// <summary>True when <paramref name="userId"/> is <c>name@realm</c> with a known realm.</summary>
    public static bool IsValid(string? userId) => TrySplit(userId, out _, out _);

    /// <summary>Splits a valid user id into name and realm.</summary>
    public static bool TrySplit(string? userId, out string name, out string realm)
    {
        name = realm = "";
        if (string.IsNullOrEmpty(userId) || userId.Length > MaxLength)
        {
            return false;
        }
        var at = userId.LastIndexOf('@');
        if (at <= 0)
        {
            return false;
        }
        var candidateName = userId[..at];
        var candidateRealm = userId[(at + 1)..];
        if (candidateRealm is not (PveRealm or PamRealm) || !IsValidName(candidateName))
        {
            return false;
        }
        name = candidateName;
        realm = candidateRealm;
        return true;
    }

    /// <summary>Validates a user id; throws <see cref="ValidationException"/> on <paramref name="field"/> otherwise.</summary>
    public static (string Name, string Realm) Validate(string? userId, string field = "userid")
    {
        if (TrySplit(userId, out var name, out var userRealm))
        {
            return (name, userRealm);
        }
        var realm = userId?[(userId.LastIndexOf('@') + 1)..];
        if (userId is not null && userId.LastIndexOf('@') > 0 && realm is { Length: > 0 } && realm is not (PveRealm or PamRealm))
        {
            throw new ValidationException(field, $"invalid format - unknown realm '{realm}' (supported: pve, pam)");
        }
        throw new ValidationException(field, $"invalid format - value '{userId}' does not look like a valid user name (name@realm)");
    }

    // Proxmox's user regex is [^\s:/]+; '@' and '!' are also refused so that user and token ids split unambiguously.
    private static bool IsValidName(string name) =>
        name.Length > 0 && !name.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is ':' or '/' or '@' or '!');
}
