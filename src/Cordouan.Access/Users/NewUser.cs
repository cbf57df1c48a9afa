namespace Cordouan.Access.Users;

/// <summary>Fields of <c>POST /access/users</c>.</summary>
public sealed record NewUser
{
    public required string UserId { get; init; }

    public bool Enable { get; init; } = true;

    public long Expire { get; init; }

    public string? Firstname { get; init; }

    public string? Lastname { get; init; }

    public string? Email { get; init; }

    public string? Comment { get; init; }

    public IReadOnlyList<string> Groups { get; init; } = [];

    /// <summary>Initial password (<c>pve</c> realm only); null leaves the account without one.</summary>
    public string? Password { get; init; }

    /// <summary>Hides the password from logs and debugger views.</summary>
    public override string ToString() => $"NewUser {{ UserId = {UserId} }}";
}
