using Cordouan.Access.Tokens;
using Cordouan.Access.Users;
using Cordouan.Core.Cluster;

namespace Cordouan.Access.Tests.Tickets;

/// <summary>A password change, disabling, expiry or re-creation ends the user's existing tickets (beyond Proxmox, which keeps them).</summary>
public sealed class TicketRevocationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SetPasswordAsync_EndsExistingTicketsButNotNewOnes()
    {
        using var access = new TestAccess();
        await access.CreateUserAsync("alice@pve");
        var old = await access.Tickets.CreateTicketAsync("alice@pve", Ct);
        await access.Tickets.AuthenticateAsync(old, Ct);

        await access.Users.SetPasswordAsync("alice@pve", "another-password", Ct);

        await Assert.ThrowsAsync<AuthenticationFailedException>(() => access.Tickets.AuthenticateAsync(old, Ct));
        Assert.Null(await access.Tickets.TryVerifyTicketAsync(old, Ct));
        // Same second as the change: a fresh login works at once.
        var fresh = await access.Tickets.CreateTicketAsync("alice@pve", Ct);
        Assert.Equal("alice@pve", (await access.Tickets.AuthenticateAsync(fresh, Ct)).UserId);
    }

    [Fact]
    public async Task SetPasswordAsync_OtherUsersTicketsUnaffected()
    {
        using var access = new TestAccess();
        await access.CreateUserAsync("alice@pve");
        await access.CreateUserAsync("bob@pve");
        var bobs = await access.Tickets.CreateTicketAsync("bob@pve", Ct);

        await access.Users.SetPasswordAsync("alice@pve", "another-password", Ct);

        Assert.Equal("bob@pve", (await access.Tickets.AuthenticateAsync(bobs, Ct)).UserId);
    }

    [Fact]
    public async Task UpdateAsync_DisabledThenEnabled_OldTicketStaysRefused()
    {
        using var access = new TestAccess();
        await access.CreateUserAsync("alice@pve");
        var old = await access.Tickets.CreateTicketAsync("alice@pve", Ct);

        await access.Users.UpdateAsync("alice@pve", new UserUpdate { Enable = false }, Ct);
        await access.Users.UpdateAsync("alice@pve", new UserUpdate { Enable = true }, Ct);

        await Assert.ThrowsAsync<AuthenticationFailedException>(() => access.Tickets.AuthenticateAsync(old, Ct));
        var fresh = await access.Tickets.CreateTicketAsync("alice@pve", Ct);
        await access.Tickets.AuthenticateAsync(fresh, Ct);
    }

    [Fact]
    public async Task UpdateAsync_ExpiredThenExtended_OldTicketStaysRefused()
    {
        using var access = new TestAccess();
        await access.CreateUserAsync("alice@pve");
        var old = await access.Tickets.CreateTicketAsync("alice@pve", Ct);
        var now = access.Time.GetUtcNow().ToUnixTimeSeconds();

        await access.Users.UpdateAsync("alice@pve", new UserUpdate { Expire = now - 1 }, Ct);
        await Assert.ThrowsAsync<AuthenticationFailedException>(() => access.Tickets.AuthenticateAsync(old, Ct));
        await access.Users.UpdateAsync("alice@pve", new UserUpdate { Expire = 0 }, Ct);

        await Assert.ThrowsAsync<AuthenticationFailedException>(() => access.Tickets.AuthenticateAsync(old, Ct));
    }

    [Fact]
    public async Task UpdateAsync_ExpiredByTimeThenExtended_OldTicketStaysRefused()
    {
        using var access = new TestAccess();
        var now = access.Time.GetUtcNow().ToUnixTimeSeconds();
        await access.Users.CreateAsync(new NewUser { UserId = "alice@pve", Password = "secret-password", Expire = now + 60 }, Ct);
        var old = await access.Tickets.CreateTicketAsync("alice@pve", Ct);
        access.Time.Advance(TimeSpan.FromMinutes(2));
        await Assert.ThrowsAsync<AuthenticationFailedException>(() => access.Tickets.AuthenticateAsync(old, Ct));

        await access.Users.UpdateAsync("alice@pve", new UserUpdate { Expire = 0 }, Ct);

        await Assert.ThrowsAsync<AuthenticationFailedException>(() => access.Tickets.AuthenticateAsync(old, Ct));
    }

    [Fact]
    public async Task UpdateAsync_ActiveUserCommentChanged_TicketsKept()
    {
        using var access = new TestAccess();
        await access.CreateUserAsync("alice@pve");
        var ticket = await access.Tickets.CreateTicketAsync("alice@pve", Ct);

        await access.Users.UpdateAsync("alice@pve", new UserUpdate { Comment = "renamed", Groups = ["ops"] }, Ct);

        await access.Tickets.AuthenticateAsync(ticket, Ct);
    }

    [Fact]
    public async Task DeleteAsync_RecreatedUser_OldTicketRefused()
    {
        using var access = new TestAccess();
        await access.CreateUserAsync("alice@pve");
        var old = await access.Tickets.CreateTicketAsync("alice@pve", Ct);

        await access.Users.DeleteAsync("alice@pve", Ct);
        await access.CreateUserAsync("alice@pve");

        await Assert.ThrowsAsync<AuthenticationFailedException>(() => access.Tickets.AuthenticateAsync(old, Ct));
    }

    [Fact]
    public async Task RenewalWithOldTicket_AfterPasswordChange_Refused()
    {
        using var access = new TestAccess();
        await access.CreateUserAsync("alice@pve");
        var old = await access.Tickets.CreateTicketAsync("alice@pve", Ct);

        await access.Users.SetPasswordAsync("alice@pve", "another-password", Ct);

        await Assert.ThrowsAsync<AuthenticationFailedException>(() => access.Tickets.LoginAsync("alice@pve", old, null, Ct));
    }

    [Fact]
    public async Task VerifyVncTicketAsync_AfterPasswordChange_Refused()
    {
        using var access = new TestAccess();
        await access.CreateUserAsync("alice@pve");
        var ticket = await access.Tickets.CreateVncTicketAsync("alice@pve", "/vms/100", 5900, Ct);
        var tokenTicket = await access.Tickets.CreateVncTicketAsync("alice@pve!ci", "/vms/100", 5901, Ct);
        Assert.True(await access.Tickets.VerifyVncTicketAsync(ticket, "alice@pve", "/vms/100", 5900, Ct));

        await access.Users.SetPasswordAsync("alice@pve", "another-password", Ct);

        Assert.False(await access.Tickets.VerifyVncTicketAsync(ticket, "alice@pve", "/vms/100", 5900, Ct));
        Assert.False(await access.Tickets.VerifyVncTicketAsync(tokenTicket, "alice@pve!ci", "/vms/100", 5901, Ct));
    }

    [Fact]
    public async Task UserStoredBeforeGenerations_TicketsStillVerify()
    {
        using var access = new TestAccess();
        access.Store.Seed(ClusterKeys.User("legacy@pve"), UserStore.Serialize(new UserDocument { UserId = "legacy@pve" }));
        var ticket = await access.Tickets.CreateTicketAsync("legacy@pve", Ct);

        Assert.Equal("legacy@pve", (await access.Tickets.AuthenticateAsync(ticket, Ct)).UserId);
    }

    [Fact]
    public async Task ApiToken_UserDisabled_Refused()
    {
        using var access = new TestAccess();
        await access.CreateUserAsync("alice@pve");
        var created = await access.Tokens.CreateAsync("alice@pve", "ci", new NewToken(), Ct);
        var header = $"PVEAPIToken={created.FullTokenId}={created.Value}";
        await access.Tokens.AuthenticateAsync(header, Ct);

        await access.Users.UpdateAsync("alice@pve", new UserUpdate { Enable = false }, Ct);

        await Assert.ThrowsAsync<AuthenticationFailedException>(() => access.Tokens.AuthenticateAsync(header, Ct));
    }
}
