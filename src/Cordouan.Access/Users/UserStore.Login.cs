namespace Cordouan.Access.Users;

public sealed partial class UserStore
{
    /// <summary>
    /// Why <paramref name="userId"/> may not log in with <paramref name="password"/> (Proxmox's texts: <c>no such user
    /// ('…')</c>, <c>user '…' is disabled</c>, <c>user '…' access expired</c>, <c>no password set</c>, <c>invalid
    /// credentials</c>), or null when it may. The password hash is computed whatever the user, so the answer time does
    /// not tell whether a user exists. For the syslog only: the client always gets the same refusal.
    /// </summary>
    internal async Task<string?> CheckPasswordAsync(string userId, string password, CancellationToken cancellationToken)
    {
        var current = await ReadAsync(userId, cancellationToken);
        var hash = current?.Document.PasswordHash;
        var matches = PasswordHash.Verify(password, hash ?? _dummyHash.Value);
        return InactiveReason(userId, current?.Document)
            ?? (hash is null ? "no password set" : matches ? null : "invalid credentials");
    }

    /// <summary>Why <paramref name="userId"/> may not log in whatever its credentials, or null when it exists, is enabled and unexpired.</summary>
    internal async Task<string?> InactiveReasonAsync(string userId, CancellationToken cancellationToken) =>
        InactiveReason(userId, (await ReadAsync(userId, cancellationToken))?.Document);

    private string? InactiveReason(string userId, UserDocument? document) => document switch
    {
        null => $"no such user ('{userId}')",
        { Enable: false } => $"user '{userId}' is disabled",
        _ when !document.IsActive(timeProvider.GetUtcNow()) => $"user '{userId}' access expired",
        _ => null,
    };
}
