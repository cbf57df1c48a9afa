using System.Net;
using Cordouan.Integration.Tests.Fixtures;
using Cordouan.Testing;
using Xunit;

namespace Cordouan.Integration.Tests.Api;

/// <summary>
/// Issue 17: failed logins slow down the failing address and user, not the right password from elsewhere; each failure
/// is a Proxmox syslog line; over-long fields are refused before anything is checked. Attackers here come from their
/// own loopback addresses (127.0.0.3, 127.0.0.4), so the rest of the collection (127.0.0.1) is never throttled.
/// </summary>
[Collection("node")]
public sealed class LoginThrottleTests(SharedNode shared)
{
    private static readonly IPAddress Attacker = IPAddress.Parse("127.0.0.3");
    private static readonly IPAddress Clean = IPAddress.Parse("127.0.0.2");

    [Fact]
    public async Task Login_RepeatedWrongPasswords_RightPasswordRefusedFromThatAddressButAcceptedFromAnother()
    {
        var ct = TestContext.Current.CancellationToken;
        using var syslog = new SyslogReceiver(shared.Node.SyslogSocket);
        (await shared.Admin.PostAsync("/access/users", new() { ["userid"] = "throttled@pve", ["password"] = "throttled-password" }, ct)).EnsureOk();
        try
        {
            using var attacker = shared.Node.AnonymousFrom(Attacker);
            // Three free failures, then two more: refused or checked, each doubles the lock, which ends well after the last answer.
            for (var i = 0; i < 5; i++)
            {
                Assert.Equal(HttpStatusCode.Unauthorized, (await attacker.LoginAsync("throttled@pve", $"guess-{i}", ct)).Status);
            }
            var first = await syslog.WaitForAsync("user=throttled@pve", TimeSpan.FromSeconds(10), ct);
            Assert.Matches(@"^<27>[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d pvedaemon\[\d+\]: authentication failure; rhost=127\.0\.0\.3 user=throttled@pve msg=invalid credentials$", first);
            Assert.DoesNotContain("guess-", first, StringComparison.Ordinal);

            // The right password from the throttled address: refused before the password is checked.
            var refused = await attacker.LoginAsync("throttled@pve", "throttled-password", ct);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);
            Assert.Equal("authentication failure", refused.Reason);
            await syslog.WaitForAsync("rhost=127.0.0.3 user=throttled@pve msg=too many failed logins", TimeSpan.FromSeconds(10), ct);

            using var elsewhere = shared.Node.AnonymousFrom(Clean);
            var accepted = await elsewhere.LoginAsync("throttled@pve", "throttled-password", ct);
            Assert.Equal(HttpStatusCode.OK, accepted.Status);
        }
        finally
        {
            (await shared.Admin.DeleteAsync("/access/users/throttled@pve", ct)).EnsureOk();
        }
    }

    [Fact]
    public async Task Login_ThrottledAddress_RefusedForEveryUser()
    {
        var ct = TestContext.Current.CancellationToken;
        using var sprayer = shared.Node.AnonymousFrom(IPAddress.Parse("127.0.0.4"));
        foreach (var user in new[] { "nobody1@pve", "nobody2@pve", "nobody3@pve", "nobody4@pve", "nobody5@pve" })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await sprayer.LoginAsync(user, "guess", ct)).Status);
        }

        // admin@pve never failed, yet from this address even its right password is refused unchecked...
        Assert.Equal(HttpStatusCode.Unauthorized, (await sprayer.LoginAsync("admin@pve", shared.Node.AdminPassword, ct)).Status);
        // ...while it logs in from anywhere else.
        using var elsewhere = shared.Node.AnonymousFrom(Clean);
        Assert.Equal(HttpStatusCode.OK, (await elsewhere.LoginAsync("admin@pve", shared.Node.AdminPassword, ct)).Status);
    }

    [Theory]
    [InlineData(65, 8, "username")]
    [InlineData(8, 4097, "password")]
    public async Task Login_OverlongField_Returns400NamingIt(int usernameLength, int passwordLength, string field)
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = shared.Node.AnonymousFrom(IPAddress.Parse("127.0.0.5"));

        var response = await http.LoginAsync(new string('u', usernameLength - 4) + "@pve", new string('p', passwordLength), ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.StartsWith("value may only be", response.Error(field), StringComparison.Ordinal);
    }
}
