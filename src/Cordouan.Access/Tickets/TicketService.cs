using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Cordouan.Access.Audit;
using Cordouan.Access.Permissions;
using Cordouan.Access.Realms;
using Cordouan.Access.Users;
using Microsoft.Extensions.Logging;

namespace Cordouan.Access.Tickets;

/// <summary>
/// Proxmox-style authentication tickets <c>PVE:&lt;userid&gt;:&lt;8 hex time&gt;::&lt;base64 RSA-SHA256 signature&gt;</c>
/// and CSRF tokens <c>&lt;8 hex time&gt;:&lt;base64 HMAC-SHA256 of "time:userid"&gt;</c>, both accepted while
/// <c>-300 s &lt; age &lt; 7200 s</c>. Logins are in <c>TicketService.Login.cs</c>.
/// </summary>
public sealed partial class TicketService(
    TicketKeyStore keyStore,
    UserStore users,
    PamAuthenticator pam,
    PermissionChecker permissions,
    LoginThrottle throttle,
    AuthenticationAudit audit,
    TimeProvider timeProvider,
    ILogger<TicketService> logger)
{
    /// <summary>How long a ticket or CSRF token stays valid.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(2);

    /// <summary>How far in the future a timestamp may lie (clock skew between nodes).</summary>
    public static readonly TimeSpan ClockSkewAllowance = TimeSpan.FromMinutes(5);

    private const string Prefix = "PVE";

    /// <summary>Signs a fresh ticket for <paramref name="userId"/>.</summary>
    public async Task<string> CreateTicketAsync(string userId, CancellationToken cancellationToken)
    {
        UserIds.Validate(userId, "username");
        var keys = await keyStore.GetAsync(cancellationToken);
        var plain = $"{Prefix}:{userId}:{Timestamp()}";
        var signature = keys.Rsa.SignData(Encoding.UTF8.GetBytes(plain), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return plain + "::" + Convert.ToBase64String(signature);
    }

    /// <summary>The ticket's user and issue time, or null when it is malformed, forged, too old or from the future.</summary>
    public async Task<VerifiedTicket?> TryVerifyTicketAsync(string? ticket, CancellationToken cancellationToken)
    {
        if (!TrySplitSigned(ticket, Prefix, out var plain, out var signature))
        {
            return null;
        }
        var parts = plain.Split(':');
        if (parts.Length != 3 || !UserIds.IsValid(parts[1]) || !TryParseTimestamp(parts[2], out var issuedAt) || !IsFresh(issuedAt))
        {
            return null;
        }
        var keys = await keyStore.GetAsync(cancellationToken);
        var valid = keys.Rsa.VerifyData(Encoding.UTF8.GetBytes(plain), signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return valid ? new VerifiedTicket(parts[1], issuedAt) : null;
    }

    /// <summary>
    /// Authenticates a request by its ticket: valid signature and age, and a user that still exists, is enabled and
    /// unexpired. Throws <see cref="AuthenticationFailedException"/> otherwise.
    /// </summary>
    public async Task<AccessIdentity> AuthenticateAsync(string? ticket, CancellationToken cancellationToken)
    {
        var verified = await TryVerifyTicketAsync(ticket, cancellationToken);
        if (verified is null || !await users.IsActiveAsync(verified.UserId, cancellationToken))
        {
            throw new AuthenticationFailedException();
        }
        return AccessIdentity.ForUser(verified.UserId);
    }

    /// <summary>A CSRF prevention token bound to <paramref name="userId"/>.</summary>
    public async Task<string> CreateCsrfTokenAsync(string userId, CancellationToken cancellationToken)
    {
        var keys = await keyStore.GetAsync(cancellationToken);
        var timestamp = Timestamp();
        return timestamp + ":" + CsrfDigest(keys, timestamp, userId);
    }

    /// <summary>True when <paramref name="token"/> was issued for <paramref name="userId"/> and is still within its lifetime.</summary>
    public async Task<bool> VerifyCsrfTokenAsync(string userId, string? token, CancellationToken cancellationToken)
    {
        if (token is null || token.Length < 10 || token[8] != ':')
        {
            return false;
        }
        var timestamp = token[..8];
        if (!TryParseTimestamp(timestamp, out var issuedAt) || !IsFresh(issuedAt))
        {
            return false;
        }
        var keys = await keyStore.GetAsync(cancellationToken);
        var expected = Encoding.ASCII.GetBytes(CsrfDigest(keys, timestamp, userId));
        var presented = Encoding.ASCII.GetBytes(token[9..]);
        return CryptographicOperations.FixedTimeEquals(expected, presented);
    }

    // Perl's Digest::SHA hmac_sha256_base64 (what PVE uses) omits the '=' padding.
    private static string CsrfDigest(TicketKeys keys, string timestamp, string userId) =>
        Convert.ToBase64String(HMACSHA256.HashData(keys.CsrfSecret, Encoding.UTF8.GetBytes(timestamp + ":" + userId))).TrimEnd('=');

    private string Timestamp() => timeProvider.GetUtcNow().ToUnixTimeSeconds().ToString("X8", CultureInfo.InvariantCulture);

    private bool IsFresh(DateTimeOffset issuedAt)
    {
        var age = timeProvider.GetUtcNow().ToUnixTimeSeconds() - issuedAt.ToUnixTimeSeconds();
        return age > -(long)ClockSkewAllowance.TotalSeconds && age < (long)Lifetime.TotalSeconds;
    }

    /// <summary>Splits <c>&lt;prefix&gt;:…::&lt;base64 signature&gt;</c> into the signed part and the signature.</summary>
    private static bool TrySplitSigned(string? ticket, string prefix, out string plain, out byte[] signature)
    {
        plain = "";
        signature = [];
        var separator = ticket is not null && ticket.StartsWith(prefix + ":", StringComparison.Ordinal) ? ticket.IndexOf("::", StringComparison.Ordinal) : -1;
        var buffer = new byte[512];
        if (separator < 0 || !Convert.TryFromBase64String(ticket![(separator + 2)..], buffer, out var length))
        {
            return false;
        }
        plain = ticket[..separator];
        signature = buffer[..length];
        return true;
    }

    private static bool TryParseTimestamp(string text, out DateTimeOffset value)
    {
        value = default;
        if (text.Length != 8 || !text.All(c => char.IsAsciiDigit(c) || c is >= 'A' and <= 'F')
            || !uint.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var seconds))
        {
            return false;
        }
        value = DateTimeOffset.FromUnixTimeSeconds(seconds);
        return true;
    }
}
