namespace Cordouan.Access.Tokens;

/// <summary>An API token as stored at <c>ClusterKeys.Token(user, tokenid)</c>: only the SHA-256 of its secret.</summary>
internal sealed record TokenDocument
{
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    public required string UserId { get; init; }

    public required string TokenId { get; init; }

    /// <summary>Lower-case hex SHA-256 of the UTF-8 secret.</summary>
    public required string SecretSha256 { get; init; }

    public string? Comment { get; init; }

    /// <summary>Unix time after which the token is refused; 0 = never.</summary>
    public long Expire { get; init; }

    public bool PrivilegeSeparation { get; init; } = true;

    public bool IsExpired(DateTimeOffset now) => Expire != 0 && Expire < now.ToUnixTimeSeconds();

    public TokenInfo ToInfo() => new(TokenId, Comment, Expire, PrivilegeSeparation);
}
