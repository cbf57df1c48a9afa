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
/// <c>-300 s &lt; age &lt; 7200 s</c>. Signed by the cluster's current key (rotated daily by <see cref="TicketKeyStore"/>);
/// the previous key still verifies the tickets it signed. A ticket's signature also covers its user's ticket generation,
/// which changes when the user's password changes or the account is disabled, expired or re-created: that ends every
/// ticket issued before (Proxmox keeps them). Logins are in <c>TicketService.Login.cs</c>.
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

    /// <summary>Signs a fresh ticket for <paramref name="userId"/>, bound to the user's current ticket generation.</summary>
    public async Task<string> CreateTicketAsync(string userId, CancellationToken cancellationToken)
    {
        UserIds.Validate(userId, "username");
        var keys = await keyStore.GetAsync(cancellationToken);
        var generation = (await users.ReadAsync(userId, cancellationToken))?.Document.TicketGeneration;
        var plain = $"{Prefix}:{userId}:{Timestamp()}";
        return plain + "::" + Convert.ToBase64String(keys.Sign(SignedData(plain, generation)));
    }

    /// <summary>
    /// The ticket's user and issue time, or null when it is malformed, too old or from the future, not signed by the
    /// current or the previous key (each for its own time), or issued before the user's tickets were last ended.
    /// </summary>
    public async Task<VerifiedTicket?> TryVerifyTicketAsync(string? ticket, CancellationToken cancellationToken) =>
        (await VerifyAsync(ticket, cancellationToken)).Ticket;

    /// <summary>
    /// Authenticates a request by its ticket: valid signature and age, and a user that still exists, is enabled and
    /// unexpired, and whose tickets were not ended since. Throws <see cref="AuthenticationFailedException"/> otherwise.
    /// </summary>
    public async Task<AccessIdentity> AuthenticateAsync(string? ticket, CancellationToken cancellationToken)
    {
        var (verified, user) = await VerifyAsync(ticket, cancellationToken);
        if (verified is null || user is null || !user.Document.IsActive(timeProvider.GetUtcNow()))
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

    /// <summary>Checks the ticket against the keys and the user's document (read once: <see cref="AuthenticateAsync"/> needs it too).</summary>
    private async Task<(VerifiedTicket? Ticket, StoredDocument<UserDocument>? User)> VerifyAsync(string? ticket, CancellationToken cancellationToken)
    {
        if (!TrySplitSigned(ticket, Prefix, out var plain, out var signature))
        {
            return (null, null);
        }
        var parts = plain.Split(':');
        if (parts.Length != 3 || !UserIds.IsValid(parts[1]) || !TryParseTimestamp(parts[2], out var issuedAt) || !IsFresh(issuedAt))
        {
            return (null, null);
        }
        var user = await users.ReadAsync(parts[1], cancellationToken);
        var data = SignedData(plain, user?.Document.TicketGeneration);
        var valid = await VerifySignatureAsync(data, signature, issuedAt, cancellationToken);
        return valid ? (new VerifiedTicket(parts[1], issuedAt), user) : (null, null);
    }

    /// <summary>Verifies with the cached keys, and once more after a reload when they do not match (a key rotated by another node).</summary>
    private async Task<bool> VerifySignatureAsync(byte[] data, byte[] signature, DateTimeOffset issuedAt, CancellationToken cancellationToken)
    {
        var keys = await keyStore.GetAsync(cancellationToken);
        if (keys.Verify(data, signature, issuedAt, ClockSkewAllowance))
        {
            return true;
        }
        var newer = await keyStore.RefreshAsync(keys, cancellationToken);
        return newer is not null && newer.Verify(data, signature, issuedAt, ClockSkewAllowance);
    }

    /// <summary>
    /// What a ticket's signature covers: its text, and the user's ticket generation when it has one (signed, not shown, so
    /// that a new generation voids every older ticket; users stored before generations existed have none).
    /// </summary>
    private static byte[] SignedData(string plain, string? generation) =>
        Encoding.UTF8.GetBytes(generation is null ? plain : plain + ":" + generation);

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
