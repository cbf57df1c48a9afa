namespace Cordouan.Api.Auth;

/// <summary>The authenticated user (and API token, if the request used one).</summary>
public sealed record Caller(string UserId, string? TokenId, bool PrivilegeSeparated)
{
    /// <summary>As it appears in UPIDs and audit: <c>user@realm</c> or <c>user@realm!token</c>.</summary>
    public string AuthId => TokenId is null ? UserId : $"{UserId}!{TokenId}";
}
