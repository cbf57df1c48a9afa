using System.Net;
using Cordouan.Access.Users;

namespace Cordouan.Access.Tickets;

public sealed partial class TicketService
{
    /// <summary>Logs in with no known client address (in-process callers); see the overload taking one.</summary>
    public Task<LoginGrant> LoginAsync(string username, string password, string? realm, CancellationToken cancellationToken) =>
        LoginAsync(username, password, realm, client: null, cancellationToken);

    /// <summary>
    /// <c>POST /access/ticket</c>: checks the credentials and issues a ticket, a CSRF token and the capability map.
    /// <paramref name="realm"/> is appended as <c>@realm</c> when <paramref name="username"/> has none. The password
    /// may instead be a still-valid ticket of the same user (renewal, never throttled: it costs no hashing and proves
    /// a past login). <c>pam</c> users need the host password and an entry in the user store (root@pam always has
    /// one); disabled or expired users fail. Over-long fields are a <see cref="Core.Errors.ValidationException"/>
    /// before anything else. Every failure is the same <see cref="AuthenticationFailedException"/>, written to syslog
    /// with its reason and <paramref name="client"/>; after repeated failures (<see cref="LoginThrottle"/>) attempts are
    /// refused, after a delay, without checking the password.
    /// </summary>
    public async Task<LoginGrant> LoginAsync(string username, string password, string? realm, IPAddress? client, CancellationToken cancellationToken)
    {
        LoginLimits.Validate(username, password, realm);
        var userId = !string.IsNullOrEmpty(realm) && !username.Contains('@', StringComparison.Ordinal) ? username + "@" + realm : username;
        if (!await IsRenewalAsync(userId, password, cancellationToken))
        {
            if (!throttle.TryEnter(userId, client, out var refusalDelay))
            {
                audit.LoginFailed(client, userId, "too many failed logins, attempt refused unchecked");
                await Task.Delay(refusalDelay, timeProvider, cancellationToken);
                throw new AuthenticationFailedException();
            }
            if (await CheckPasswordAsync(userId, password, cancellationToken) is { } reason)
            {
                throttle.RecordFailure(userId, client);
                audit.LoginFailed(client, userId, reason);
                throw new AuthenticationFailedException();
            }
            throttle.RecordSuccess(userId);
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

    private async Task<bool> IsRenewalAsync(string userId, string password, CancellationToken cancellationToken) =>
        password.StartsWith("PVE:", StringComparison.Ordinal)
        && await TryVerifyTicketAsync(password, cancellationToken) is { } ticket
        && ticket.UserId == userId
        && await users.InactiveReasonAsync(userId, cancellationToken) is null;

    /// <summary>Why the password does not log <paramref name="userId"/> in (Proxmox's texts, for the syslog), or null when it does.</summary>
    private async Task<string?> CheckPasswordAsync(string userId, string password, CancellationToken cancellationToken)
    {
        if (!UserIds.TrySplit(userId, out var name, out var realm))
        {
            var at = userId.LastIndexOf('@');
            return at > 0 && userId[(at + 1)..] is { Length: > 0 } unknown && unknown is not (UserIds.PveRealm or UserIds.PamRealm)
                ? $"auth domain '{unknown}' does not exist"
                : $"value '{userId}' does not look like a valid user name";
        }
        if (realm == UserIds.PveRealm)
        {
            return await users.CheckPasswordAsync(userId, password, cancellationToken);
        }
        if (!await pam.AuthenticateAsync(name, password, cancellationToken))
        {
            return "Authentication failure";
        }
        return await users.InactiveReasonAsync(userId, cancellationToken);
    }
}
