using System.Net;
using Cordouan.Access.Audit;
using Cordouan.Access.Tickets;
using Cordouan.Access.Users;
using Cordouan.Testing;

namespace Cordouan.Access.Tests.Audit;

public sealed class AuthenticationAuditTests : IDisposable
{
    private readonly TempDirectory _dir = new("cordouan-syslog");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task LoginAsync_WrongPassword_SendsProxmoxLineToSyslogSocketWithoutThePassword()
    {
        using var receiver = new SyslogReceiver(_dir.Combine("log"));
        using var access = new TestAccess(syslogSocket: receiver.Path);
        await access.CreateUserAsync("alice@pve", "secret-password");

        await Assert.ThrowsAsync<AuthenticationFailedException>(() =>
            access.Tickets.LoginAsync("alice@pve", "not-the-password", null, IPAddress.Parse("::ffff:192.0.2.66"), Ct));

        var record = await receiver.WaitForAsync("authentication failure", TimeSpan.FromSeconds(10), Ct);
        Assert.Matches(@"^<27>[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d pvedaemon\[\d+\]: ", record);
        Assert.EndsWith("]: authentication failure; rhost=192.0.2.66 user=alice@pve msg=invalid credentials", record, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-password", record, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ghost@pve", "secret-password", "no such user ('ghost@pve')")]
    [InlineData("off@pve", "secret-password", "user 'off@pve' is disabled")]
    [InlineData("alice@ldap", "secret-password", "auth domain 'ldap' does not exist")]
    [InlineData("alice", "secret-password", "value 'alice' does not look like a valid user name")]
    [InlineData("root@pam", "secret-password", "Authentication failure")]
    public async Task LoginAsync_Failure_ReasonAsProxmoxWritesIt(string user, string password, string reason)
    {
        using var receiver = new SyslogReceiver(_dir.Combine("log"));
        using var access = new TestAccess(syslogSocket: receiver.Path);
        await access.CreateUserAsync("alice@pve", "secret-password");
        await access.Users.CreateAsync(new NewUser { UserId = "off@pve", Password = "secret-password", Enable = false }, Ct);

        await Assert.ThrowsAsync<AuthenticationFailedException>(() => access.Tickets.LoginAsync(user, password, null, IPAddress.Loopback, Ct));

        var record = await receiver.WaitForAsync("authentication failure", TimeSpan.FromSeconds(10), Ct);
        Assert.EndsWith($"rhost=127.0.0.1 user={user} msg={reason}", record, StringComparison.Ordinal);
    }

    [Fact]
    public void LoginFailed_NoSocket_DropsTheRecordQuietly()
    {
        var options = new AccessOptions { SyslogSocket = _dir.Combine("absent") };
        using var sender = new SyslogSender(options);

        Assert.False(sender.TrySend("<27>hello", out var error));
        Assert.Contains("absent", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoginAsync_Throttled_RefusalAlsoLogged()
    {
        using var receiver = new SyslogReceiver(_dir.Combine("log"));
        using var access = new TestAccess(syslogSocket: receiver.Path);
        access.Throttle.RecordFailure("alice@pve", IPAddress.Loopback);
        access.Throttle.RecordFailure("alice@pve", IPAddress.Loopback);
        access.Throttle.RecordFailure("alice@pve", IPAddress.Loopback);

        var login = access.Tickets.LoginAsync("alice@pve", "secret-password", null, IPAddress.Loopback, Ct);
        access.Time.Advance(TimeSpan.FromSeconds(1));
        await Assert.ThrowsAsync<AuthenticationFailedException>(() => login);

        var record = await receiver.WaitForAsync("authentication failure", TimeSpan.FromSeconds(10), Ct);
        Assert.EndsWith("rhost=127.0.0.1 user=alice@pve msg=too many failed logins, attempt refused unchecked", record, StringComparison.Ordinal);
    }
}
