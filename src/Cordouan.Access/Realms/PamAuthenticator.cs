using System.Security.Cryptography;
using System.Text;

namespace Cordouan.Access.Realms;

/// <summary>
/// The <c>pam</c> realm: checks a host account's password against its hash in the shadow file with libcrypt
/// (cordouand runs as root). Locked (<c>!</c>), passwordless (<c>*</c>, empty) and expired accounts never pass.
/// Whether the account may use Cordouan at all (exists in the user store, enabled) is the caller's question.
/// </summary>
public sealed class PamAuthenticator(AccessOptions options, TimeProvider timeProvider)
{
    /// <summary>True when <paramref name="userName"/> (without <c>@pam</c>) is a usable host account and <paramref name="password"/> matches.</summary>
    public async Task<bool> AuthenticateAsync(string userName, string password, CancellationToken cancellationToken)
    {
        var entry = await FindEntryAsync(userName, cancellationToken);
        if (entry is null || !IsUsable(entry))
        {
            return false;
        }
        var stored = entry[1];
        var computed = LibCrypt.Hash(password, stored);
        return computed is not null
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(computed), Encoding.UTF8.GetBytes(stored));
    }

    private async Task<string[]?> FindEntryAsync(string userName, CancellationToken cancellationToken)
    {
        if (userName.Length == 0 || userName.Contains(':', StringComparison.Ordinal))
        {
            return null;
        }
        var prefix = userName + ":";
        string[] lines;
        try
        {
            lines = await File.ReadAllLinesAsync(options.ShadowPath, cancellationToken);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            // A host without a shadow file has no pam accounts.
            return null;
        }
        var line = lines.FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
        return line?.Split(':');
    }

    // shadow(5): name:hash:lastchg:min:max:warn:inactive:expire:reserved; expire is in days since the epoch.
    private bool IsUsable(string[] entry)
    {
        if (entry.Length < 2)
        {
            return false;
        }
        var hash = entry[1];
        if (hash.Length == 0 || hash[0] is '!' or '*')
        {
            return false;
        }
        if (entry.Length > 7 && long.TryParse(entry[7], out var expireDays)
            && timeProvider.GetUtcNow() >= DateTimeOffset.UnixEpoch.AddDays(expireDays))
        {
            return false;
        }
        return true;
    }
}
