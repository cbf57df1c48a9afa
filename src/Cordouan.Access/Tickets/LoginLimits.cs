using Cordouan.Core.Errors;

namespace Cordouan.Access.Tickets;

/// <summary>
/// Length bounds of the login parameters, checked before anything is hashed or logged: <c>username</c> 64 and
/// <c>realm</c> 32 characters (Proxmox's schema for <c>POST /access/ticket</c>); <c>password</c>, unbounded in Proxmox's
/// schema, 4096 (far above any passphrase and a renewal ticket, far below what would make hashing a cost).
/// </summary>
public static class LoginLimits
{
    public const int MaxUsernameLength = 64;
    public const int MaxRealmLength = 32;
    public const int MaxPasswordLength = 4096;

    /// <summary>Throws a <see cref="ValidationException"/> naming every field over its bound.</summary>
    public static void Validate(string username, string password, string? realm)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        Check(errors, "username", username, MaxUsernameLength);
        Check(errors, "password", password, MaxPasswordLength);
        Check(errors, "realm", realm, MaxRealmLength);
        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }
    }

    private static void Check(Dictionary<string, string> errors, string field, string? value, int maximum)
    {
        if (value is not null && value.Length > maximum)
        {
            errors[field] = $"value may only be {maximum} characters long";
        }
    }
}
