namespace Cordouan.Access.Tokens;

/// <summary>Options of <c>POST /access/users/{userid}/token/{tokenid}</c>.</summary>
public sealed record NewToken
{
    public string? Comment { get; init; }

    /// <summary>Unix time after which the token is refused; 0 = never.</summary>
    public long Expire { get; init; }

    /// <summary>Limit the token to its own ACL entries (intersected with its user's); PVE's <c>privsep</c>, default 1.</summary>
    public bool PrivilegeSeparation { get; init; } = true;
}
