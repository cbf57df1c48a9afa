using System.Globalization;

namespace Cordouan.Client.Credentials;

/// <summary>A PVE login ticket (sent as the <c>PVEAuthCookie</c> cookie) and its CSRF token (sent on every non-GET).</summary>
public sealed record TicketCredentials(string Username, string Ticket, string CsrfPreventionToken) : CordouanCredentials
{
    /// <summary>Tickets are accepted for two hours after issue.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(2);

    public override string Principal => Username;

    /// <summary>Reads the issue time encoded in the ticket (<c>PVE:user:HEXTIME::sig</c>).</summary>
    public bool TryGetIssuedAt(out DateTimeOffset issuedAt)
    {
        issuedAt = default;
        var fields = Ticket.Split(':');
        if (fields.Length < 4 || fields[0] != "PVE" ||
            !long.TryParse(fields[2], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var seconds))
        {
            return false;
        }
        issuedAt = DateTimeOffset.FromUnixTimeSeconds(seconds);
        return true;
    }

    /// <summary>Keeps the secrets out of logs and exception messages.</summary>
    public override string ToString() => $"TicketCredentials {{ Username = {Username} }}";
}
