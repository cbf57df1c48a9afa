namespace Cordouan.Access.Users;

/// <summary>A user as the API shows it (never with its password hash).</summary>
public sealed record User
{
    public required string UserId { get; init; }

    public bool Enable { get; init; } = true;

    /// <summary>Unix time after which the account is refused; 0 = never.</summary>
    public long Expire { get; init; }

    public string? Firstname { get; init; }

    public string? Lastname { get; init; }

    public string? Email { get; init; }

    public string? Comment { get; init; }

    public IReadOnlyList<string> Groups { get; init; } = [];

    public string Realm => UserId[(UserId.LastIndexOf('@') + 1)..];
}
