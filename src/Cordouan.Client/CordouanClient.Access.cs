using Cordouan.Client.Credentials;
using Cordouan.Client.Errors;
using Cordouan.Client.Requests;
using Cordouan.Contracts.Access;

namespace Cordouan.Client;

public sealed partial class CordouanClient
{
    /// <summary>
    /// <c>POST /access/ticket</c>: logs in (or renews, when <paramref name="password"/> is a still-valid ticket) and
    /// from then on sends the new ticket and CSRF token.
    /// </summary>
    public async Task<TicketCredentials> LoginAsync(string username, string password, CancellationToken cancellationToken)
    {
        var result = await SendAsync(ApiRequests.Login(username, password), cancellationToken);
        if (result.NeedTfa)
        {
            throw new CordouanClientException($"Failed to log in {username}: the server requires a second factor, which this client does not support.");
        }
        if (string.IsNullOrEmpty(result.Ticket) || string.IsNullOrEmpty(result.CsrfPreventionToken))
        {
            throw new CordouanClientException($"Failed to log in {username}: the server returned no ticket.");
        }
        var credentials = new TicketCredentials(result.Username, result.Ticket, result.CsrfPreventionToken);
        UseCredentials(credentials);
        return credentials;
    }

    /// <summary>Trades the current ticket for a fresh one (PVE accepts a valid ticket as the password).</summary>
    public Task<TicketCredentials> RenewTicketAsync(CancellationToken cancellationToken) =>
        Credentials is TicketCredentials current
            ? LoginAsync(current.Username, current.Ticket, cancellationToken)
            : throw new InvalidOperationException("Only ticket credentials can be renewed.");
}
