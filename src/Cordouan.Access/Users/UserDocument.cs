using System.Security.Cryptography;

namespace Cordouan.Access.Users;

/// <summary>A user as stored at <c>ClusterKeys.User(id)</c>. Only <c>pve</c> users carry a password hash.</summary>
internal sealed record UserDocument
{
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    public required string UserId { get; init; }

    public bool Enable { get; init; } = true;

    /// <summary>Unix time after which the account is refused; 0 = never.</summary>
    public long Expire { get; init; }

    public string? Firstname { get; init; }

    public string? Lastname { get; init; }

    public string? Email { get; init; }

    public string? Comment { get; init; }

    public IReadOnlyList<string> Groups { get; init; } = [];

    public string? PasswordHash { get; init; }

    /// <summary>
    /// Random value every ticket of this user is signed over (not shown in the ticket): replaced when the user's tickets
    /// must end (password change, disabling, expiry). Null for users stored before it existed, until their next such change.
    /// </summary>
    public string? TicketGeneration { get; init; }

    public User ToUser() => new()
    {
        UserId = UserId,
        Enable = Enable,
        Expire = Expire,
        Firstname = Firstname,
        Lastname = Lastname,
        Email = Email,
        Comment = Comment,
        Groups = Groups,
    };

    /// <summary>A fresh <see cref="TicketGeneration"/>.</summary>
    public static string NewTicketGeneration() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));

    /// <summary>Enabled and not past its expiry.</summary>
    public bool IsActive(DateTimeOffset now) => Enable && (Expire == 0 || Expire > now.ToUnixTimeSeconds());
}
