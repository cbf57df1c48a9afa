using Cordouan.Access.Audit;

namespace Cordouan.Access.Tests.Audit;

public sealed class SyslogLineTests
{
    [Fact]
    public void AuthenticationFailure_ProxmoxText_MatchesFail2banFilter()
    {
        var line = SyslogLine.AuthenticationFailure("192.0.2.66", "root@pam", "Authentication failure");

        Assert.Equal("authentication failure; rhost=192.0.2.66 user=root@pam msg=Authentication failure", line);
        // fail2ban's shipped proxmox.conf: ^\s*\S+ pvedaemon\[\d+\]: authentication failure; rhost=<ADDR> user=<F-USER>\S+</F-USER>
        var record = SyslogLine.Format(SyslogLine.DaemonError, new DateTimeOffset(2026, 1, 5, 9, 4, 3, TimeSpan.Zero), "pvedaemon", 4242, line);
        Assert.Matches(@"^<27>Jan  5 09:04:03 pvedaemon\[\d+\]: authentication failure; rhost=192\.0\.2\.66 user=\S+ msg=", record);
    }

    [Fact]
    public void AuthenticationFailure_ControlCharactersInUser_CannotStartAnotherRecord()
    {
        var line = SyslogLine.AuthenticationFailure("192.0.2.66", "x\nJan  5 09:04:03 pvedaemon[1]: authentication failure; rhost=10.0.0.1", "no such user ('x\r\n')");

        Assert.DoesNotContain('\n', line);
        Assert.DoesNotContain('\r', line);
        Assert.StartsWith("authentication failure; rhost=192.0.2.66 user=x?Jan", line, StringComparison.Ordinal);
    }

    [Fact]
    public void AuthenticationFailure_HugeUser_Truncated()
    {
        var line = SyslogLine.AuthenticationFailure("192.0.2.66", new string('a', 100_000), "invalid credentials");

        Assert.True(line.Length < 600, $"line of {line.Length} characters");
    }

    [Fact]
    public void Format_TwoDigitDay_NotPadded()
    {
        Assert.Equal("<27>Dec 24 23:59:59 cordouand[1]: hello",
            SyslogLine.Format(27, new DateTimeOffset(2025, 12, 24, 23, 59, 59, TimeSpan.FromHours(2)), "cordouand", 1, "hello"));
    }
}
