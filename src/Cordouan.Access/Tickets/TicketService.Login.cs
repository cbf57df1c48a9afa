using Cordouan.Access.Users;

namespace Cordouan.Access.Tickets;

public sealed partial class TicketService
{
    /// <summary>
    /// <c>POST /access/ticket</c>: checks the credentials and issues a ticket, a CSRF token and the capability map.
    /// <paramref name="realm"/> is appended as <c>@realm</c> when <paramref name="username"/> has none. The password
    /// may instead be a still-valid ticket of the same user (renewal). <c>pam</c> users need the host password and
    /// an entry in the user store (root@pam always has one); disabled or expired users fail. Every failure is the
    /// same <see cref="AuthenticationFailedException"/>.
    /// </summary>
    public async Task<LoginGrant> LoginAsync(string username, string password, string? realm, CancellationToken cancellationToken)
    {
        var userId = !string.IsNullOrEmpty(realm) && !username.Contains('@', StringComparison.Ordinal) ? username + "@" + realm : username;
        if (!UserIds.TrySplit(userId, out var name, out var userRealm) || !await CheckCredentialsAsync(userId, name, userRealm, password, cancellationToken))
        {
            Log.LoginFailed(logger, userId);
            throw new AuthenticationFailedException();
        }
        var identity = AccessIdentity.ForUser(userId);
        var grant = new LoginGrant(
            userId,
            await CreateTicketAsync(userId, cancellationToken),
            await CreateCsrfTokenAsync(userId, cancellationToken),
            await permissions.CapabilitiesAsync(identity, cancellationToken));
        Log.LoggedIn(logger, userId);
        return grant;
    }

    private async Task<bool> CheckCredentialsAsync(string userId, string name, string realm, string password, CancellationToken cancellationToken)
    {
        if (password.StartsWith("PVE:", StringComparison.Ordinal)
            && await TryVerifyTicketAsync(password, cancellationToken) is { } ticket
            && ticket.UserId == userId)
        {
            return await users.IsActiveAsync(userId, cancellationToken);
        }
        if (realm == UserIds.PveRealm)
        {
            return await users.VerifyPasswordAsync(userId, password, cancellationToken);
        }
        return await pam.AuthenticateAsync(name, password, cancellationToken)
            && await users.IsActiveAsync(userId, cancellationToken);
    }
}
