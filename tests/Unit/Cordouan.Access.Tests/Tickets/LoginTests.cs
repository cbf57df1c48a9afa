using System.Net;
using Cordouan.Access.Realms;
using Cordouan.Access.Tickets;
using Cordouan.Access.Users;
using Cordouan.Core.Errors;
using Cordouan.Testing;

namespace Cordouan.Access.Tests.Tickets;

public sealed class LoginTests : IDisposable
{
    private readonly TempDirectory _dir = new("cordouan-login");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task LoginAsync_PveUserRightPassword_ReturnsTicketCsrfAndCap()
    {
        using var access = new TestAccess();
        await access.CreateUserAsync("alice@pve", "secret-password");
        await access.GrantAsync("/vms", "PVEVMUser", user: "alice@pve");

        var grant = await access.Tickets.LoginAsync("alice@pve", "secret-password", null, Ct);

        Assert.Equal("alice@pve", grant.Username);
        Assert.Equal("alice@pve", (await access.Tickets.TryVerifyTicketAsync(grant.Ticket, Ct))!.UserId);
        Assert.True(await access.Tickets.VerifyCsrfTokenAsync("alice@pve", grant.CsrfPreventionToken, Ct));
        Assert.Equal(["access", "dc", "mapping", "nodes", "sdn", "storage", "vms"], grant.Capabilities.Keys.Order());
        Assert.Equal(1, grant.Capabilities["vms"]["VM.PowerMgmt"]);
        Assert.False(grant.Capabilities["vms"].ContainsKey("VM.Allocate"));
        Assert.Empty(grant.Capabilities["nodes"]);
        Assert.DoesNotContain(grant.Ticket, grant.ToString());
    }

    [Fact]
    public async Task LoginAsync_RealmParameter_AppendedWhenUsernameHasNone()
    {
        using var access = new TestAccess();
        await access.CreateUserAsync("alice@pve", "secret-password");

        var grant = await access.Tickets.LoginAsync("alice", "secret-password", "pve", Ct);

        Assert.Equal("alice@pve", grant.Username);
        await Assert.ThrowsAsync<AuthenticationFailedException>(() => access.Tickets.LoginAsync("alice@pam", "secret-password", "pve", Ct));
    }

    [Theory]
    [InlineData("alice@pve", "wrong-password")]
    [InlineData("ghost@pve", "secret-password")]
    [InlineData("alice", "secret-password")]
    [InlineData("alice@ldap", "secret-password")]
    public async Task LoginAsync_BadCredentials_FailsWithSameMessage(string username, string password)
    {
        using var access = new TestAccess();
        await access.CreateUserAsync("alice@pve", "secret-password");

        var error = await Assert.ThrowsAsync<AuthenticationFailedException>(() => access.Tickets.LoginAsync(username, password, null, Ct));

        Assert.Equal("authentication failure", error.Message);
    }

    [Fact]
    public async Task LoginAsync_DisabledUser_Fails()
    {
        using var access = new TestAccess();
        await access.Users.CreateAsync(new NewUser { UserId = "alice@pve", Password = "secret-password", Enable = false }, Ct);

        await Assert.ThrowsAsync<AuthenticationFailedException>(() => access.Tickets.LoginAsync("alice@pve", "secret-password", null, Ct));
    }

    [Fact]
    public async Task LoginAsync_ExpiredUser_Fails()
    {
        using var access = new TestAccess();
        await access.Users.CreateAsync(new NewUser
        {
            UserId = "alice@pve",
            Password = "secret-password",
            Expire = TestAccess.Start.AddSeconds(-1).ToUnixTimeSeconds(),
        }, Ct);

        await Assert.ThrowsAsync<AuthenticationFailedException>(() => access.Tickets.LoginAsync("alice@pve", "secret-password", null, Ct));
    }

    [Fact]
    public async Task LoginAsync_ValidTicketAsPassword_RenewsTicket()
    {
        using var access = new TestAccess();
        await access.CreateUserAsync("alice@pve", "secret-password");
        var first = await access.Tickets.LoginAsync("alice@pve", "secret-password", null, Ct);

        access.Time.Advance(TimeSpan.FromHours(1.5));
        var renewed = await access.Tickets.LoginAsync("alice@pve", first.Ticket, null, Ct);

        Assert.NotEqual(first.Ticket, renewed.Ticket);
        access.Time.Advance(TimeSpan.FromHours(1));
        Assert.Null(await access.Tickets.TryVerifyTicketAsync(first.Ticket, Ct));
        Assert.NotNull(await access.Tickets.TryVerifyTicketAsync(renewed.Ticket, Ct));
    }

    [Fact]
    public async Task LoginAsync_TicketOfAnotherUser_Fails()
    {
        using var access = new TestAccess();
        await access.CreateUserAsync("alice@pve", "secret-password");
        await access.CreateUserAsync("bob@pve", "other-password");
        var alice = await access.Tickets.LoginAsync("alice@pve", "secret-password", null, Ct);

        await Assert.ThrowsAsync<AuthenticationFailedException>(() => access.Tickets.LoginAsync("bob@pve", alice.Ticket, null, Ct));
    }

    [Fact]
    public async Task LoginAsync_ExpiredTicketAsPassword_Fails()
    {
        using var access = new TestAccess();
        await access.CreateUserAsync("alice@pve", "secret-password");
        var first = await access.Tickets.LoginAsync("alice@pve", "secret-password", null, Ct);

        access.Time.Advance(TimeSpan.FromHours(2));

        await Assert.ThrowsAsync<AuthenticationFailedException>(() => access.Tickets.LoginAsync("alice@pve", first.Ticket, null, Ct));
    }

    [Fact]
    public async Task LoginAsync_TicketRenewalOfDisabledUser_Fails()
    {
        using var access = new TestAccess();
        await access.CreateUserAsync("alice@pve", "secret-password");
        var first = await access.Tickets.LoginAsync("alice@pve", "secret-password", null, Ct);

        await access.Users.UpdateAsync("alice@pve", new UserUpdate { Enable = false }, Ct);

        await Assert.ThrowsAsync<AuthenticationFailedException>(() => access.Tickets.LoginAsync("alice@pve", first.Ticket, null, Ct));
    }

    [Fact]
    public async Task LoginAsync_RootPam_NeedsNoStoreEntryAndGetsEverything()
    {
        using var access = new TestAccess(await WriteShadowAsync("root", "toor-password"));

        var grant = await access.Tickets.LoginAsync("root", "toor-password", "pam", Ct);

        Assert.Equal("root@pam", grant.Username);
        Assert.Equal(1, grant.Capabilities["vms"]["VM.Allocate"]);
        Assert.Equal(1, grant.Capabilities["nodes"]["Sys.PowerMgmt"]);
        Assert.Equal(1, grant.Capabilities["access"]["User.Modify"]);
        Assert.Equal(1, grant.Capabilities["dc"]["Sys.Audit"]);
        await Assert.ThrowsAsync<AuthenticationFailedException>(() => access.Tickets.LoginAsync("root@pam", "wrong-password", null, Ct));
    }

    [Fact]
    public async Task LoginAsync_PamUserMustExistInStore()
    {
        using var access = new TestAccess(await WriteShadowAsync("carol", "carol-password"));

        await Assert.ThrowsAsync<AuthenticationFailedException>(() => access.Tickets.LoginAsync("carol@pam", "carol-password", null, Ct));
        await access.CreateUserAsync("carol@pam", password: null);

        var grant = await access.Tickets.LoginAsync("carol@pam", "carol-password", null, Ct);

        Assert.Equal("carol@pam", grant.Username);
    }

    [Fact]
    public async Task LoginAsync_ThreeFailuresFromOneAddress_RightPasswordRefusedThereAfterDelayButNotElsewhere()
    {
        using var access = new TestAccess();
        await access.CreateUserAsync("alice@pve", "secret-password");
        var attacker = IPAddress.Parse("192.0.2.66");
        for (var i = 0; i < 3; i++)
        {
            await Assert.ThrowsAsync<AuthenticationFailedException>(() => access.Tickets.LoginAsync("alice@pve", $"guess-{i}", null, attacker, Ct));
        }

        // Refused unchecked (the right password!), and only once the delay has passed.
        var throttled = access.Tickets.LoginAsync("alice@pve", "secret-password", null, attacker, Ct);
        access.Time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(throttled.IsCompleted);
        access.Time.Advance(TimeSpan.FromMilliseconds(1));
        await Assert.ThrowsAsync<AuthenticationFailedException>(() => throttled);

        var grant = await access.Tickets.LoginAsync("alice@pve", "secret-password", null, IPAddress.Parse("198.51.100.7"), Ct);
        Assert.Equal("alice@pve", grant.Username);
    }

    [Fact]
    public async Task LoginAsync_ThrottledAddress_TicketRenewalStillWorks()
    {
        using var access = new TestAccess();
        await access.CreateUserAsync("alice@pve", "secret-password");
        var office = IPAddress.Parse("198.51.100.7");
        var first = await access.Tickets.LoginAsync("alice@pve", "secret-password", null, office, Ct);
        for (var i = 0; i < 3; i++)
        {
            await Assert.ThrowsAsync<AuthenticationFailedException>(() => access.Tickets.LoginAsync("mallory@pve", "guess", null, office, Ct));
        }

        var renewed = await access.Tickets.LoginAsync("alice@pve", first.Ticket, null, office, Ct);

        Assert.Equal("alice@pve", renewed.Username);
    }

    [Theory]
    [InlineData(65, 10, "username")]
    [InlineData(10, 4097, "password")]
    public async Task LoginAsync_OverlongField_ValidationErrorBeforeAnyCheck(int usernameLength, int passwordLength, string field)
    {
        using var access = new TestAccess();

        for (var i = 0; i < 3; i++)
        {
            var error = await Assert.ThrowsAsync<ValidationException>(() =>
                access.Tickets.LoginAsync(new string('u', usernameLength), new string('p', passwordLength), null, IPAddress.Loopback, Ct));
            Assert.Equal([field], error.Errors.Keys);
            Assert.StartsWith("value may only be", error.Errors[field], StringComparison.Ordinal);
        }

        // Refused before counting: three of them throttle nothing.
        Assert.True(access.Throttle.TryEnter(new string('u', usernameLength), IPAddress.Loopback, out _));
    }

    private async Task<string> WriteShadowAsync(string user, string password)
    {
        var path = _dir.Combine("shadow");
        var hash = LibCrypt.Hash(password, "$6$LoginTestSalt$")!;
        await File.WriteAllTextAsync(path, $"{user}:{hash}:19000:0:99999:7:::\nnobody:*:19000:0:99999:7:::\n", Ct);
        return path;
    }
}
