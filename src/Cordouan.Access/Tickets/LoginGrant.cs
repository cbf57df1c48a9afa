namespace Cordouan.Access.Tickets;

/// <summary>
/// The outcome of a successful <c>POST /access/ticket</c>: <c>username</c>, <c>ticket</c>,
/// <c>CSRFPreventionToken</c> and <c>cap</c> (section → {privilege: 1}).
/// </summary>
public sealed record LoginGrant(
    string Username,
    string Ticket,
    string CsrfPreventionToken,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> Capabilities)
{
    /// <summary>Keeps the ticket and CSRF token out of logs and debugger views.</summary>
    public override string ToString() => $"LoginGrant {{ Username = {Username} }}";
}
