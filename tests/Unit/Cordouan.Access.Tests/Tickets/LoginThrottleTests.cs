using System.Net;
using Cordouan.Access.Tickets;
using Microsoft.Extensions.Time.Testing;

namespace Cordouan.Access.Tests.Tickets;

public sealed class LoginThrottleTests
{
    private static readonly IPAddress Attacker = IPAddress.Parse("192.0.2.66");
    private static readonly IPAddress Office = IPAddress.Parse("198.51.100.7");

    private readonly FakeTimeProvider _time = new(TestAccess.Start);

    private LoginThrottle NewThrottle(LoginThrottleOptions? options = null) =>
        new(new AccessOptions { LoginThrottle = options ?? new LoginThrottleOptions() }, _time);

    private static void Fail(LoginThrottle throttle, string user, IPAddress address, int times)
    {
        for (var i = 0; i < times; i++)
        {
            Assert.True(throttle.TryEnter(user, address, out _));
            throttle.RecordFailure(user, address);
        }
    }

    [Fact]
    public void TryEnter_TwoFailures_StillChecked()
    {
        var throttle = NewThrottle();
        Fail(throttle, "alice@pve", Attacker, 2);

        Assert.True(throttle.TryEnter("alice@pve", Attacker, out var delay));
        Assert.Equal(TimeSpan.Zero, delay);
    }

    [Fact]
    public void TryEnter_ThirdFailure_RefusedForOneSecondThenCheckedAgain()
    {
        var throttle = NewThrottle();
        Fail(throttle, "alice@pve", Attacker, 3);

        _time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(throttle.TryEnter("alice@pve", Attacker, out var delay));
        Assert.Equal(TimeSpan.FromSeconds(1), delay);

        // The refusal doubled the lock from its arrival: 2 s, so it outlives the 1 s answer.
        _time.Advance(TimeSpan.FromMilliseconds(1999));
        Assert.False(throttle.TryEnter("alice@pve", Attacker, out delay));
        Assert.Equal(TimeSpan.FromSeconds(2), delay);
        _time.Advance(TimeSpan.FromSeconds(4));
        Assert.True(throttle.TryEnter("alice@pve", Attacker, out _));
    }

    [Fact]
    public void TryEnter_KeepsFailing_DelayDoublesUpToTheCap()
    {
        var throttle = NewThrottle(new LoginThrottleOptions { MaxDelay = TimeSpan.FromSeconds(8) });
        var delays = new List<TimeSpan>();
        Fail(throttle, "alice@pve", Attacker, 3);
        for (var i = 0; i < 3; i++)
        {
            Assert.False(throttle.TryEnter("alice@pve", Attacker, out var delay));
            delays.Add(delay);
            _time.Advance(delay);
        }
        // Two at once (concurrent requests): both refused, at the cap.
        Assert.False(throttle.TryEnter("alice@pve", Attacker, out var first));
        Assert.False(throttle.TryEnter("alice@pve", Attacker, out var second));
        delays.AddRange([first, second]);
        _time.Advance(second);

        Assert.Equal([1, 2, 4, 8, 8], delays.Select(d => d.TotalSeconds));
        // At the cap the lock ends with the answer: one checked attempt per cap period.
        Assert.True(throttle.TryEnter("alice@pve", Attacker, out _));
    }

    [Fact]
    public void TryEnter_ThrottledAddress_RefusedForEveryUser()
    {
        var throttle = NewThrottle();
        Fail(throttle, "alice@pve", Attacker, 1);
        Fail(throttle, "bob@pve", Attacker, 1);
        Fail(throttle, "carol@pve", Attacker, 1);

        Assert.False(throttle.TryEnter("dave@pve", Attacker, out var delay));
        Assert.Equal(TimeSpan.FromSeconds(1), delay);
        Assert.True(throttle.TryEnter("dave@pve", Office, out _));
    }

    [Fact]
    public void TryEnter_ThrottledUser_RefusedOnlyFromAddressesThatFailed()
    {
        var throttle = NewThrottle();
        var second = IPAddress.Parse("192.0.2.67");
        Fail(throttle, "alice@pve", Attacker, 2);
        Fail(throttle, "alice@pve", second, 1);

        // The user has 3 failures: refused from both failing addresses (the second has only one of its own)...
        Assert.False(throttle.TryEnter("alice@pve", second, out _));
        Assert.True(throttle.TryEnter("bob@pve", second, out _));
        // ...and checked at full speed from a clean one.
        Assert.True(throttle.TryEnter("alice@pve", Office, out var delay));
        Assert.Equal(TimeSpan.Zero, delay);
    }

    [Fact]
    public void RecordSuccess_ForgetsTheUserButNotTheAddress()
    {
        var throttle = NewThrottle();
        Fail(throttle, "alice@pve", Attacker, 3);

        throttle.RecordSuccess("alice@pve");

        Assert.False(throttle.TryEnter("alice@pve", Attacker, out _));
        Assert.True(throttle.TryEnter("alice@pve", Office, out _));
    }

    [Fact]
    public void TryEnter_AfterTheQuietWindow_FailuresForgiven()
    {
        var throttle = NewThrottle(new LoginThrottleOptions { MaxDelay = TimeSpan.FromMinutes(30) });
        Fail(throttle, "alice@pve", Attacker, 3);
        for (var i = 0; i < 8; i++)
        {
            throttle.TryEnter("alice@pve", Attacker, out _);
        }

        _time.Advance(TimeSpan.FromMinutes(15));

        Assert.True(throttle.TryEnter("alice@pve", Attacker, out _));
        throttle.RecordFailure("alice@pve", Attacker);
        Assert.True(throttle.TryEnter("alice@pve", Attacker, out _));
    }

    [Fact]
    public void RecordFailure_TableFull_ForgetsTheOldestAddresses()
    {
        var throttle = NewThrottle(new LoginThrottleOptions { MaxEntries = 16 });
        Fail(throttle, "alice@pve", Attacker, 3);
        for (var i = 0; i < 16; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            Fail(throttle, $"user{i}@pve", IPAddress.Parse($"203.0.113.{i}"), 1);
        }

        // The attacker was the oldest entry in both tables: evicted, it is checked again.
        Assert.True(throttle.TryEnter("alice@pve", Attacker, out _));
    }

    [Theory]
    [InlineData("::ffff:192.0.2.66", "192.0.2.66")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    public void AddressKey_MappedAndIpv6_CountedPerHost(string address, string key)
    {
        Assert.Equal(key, LoginThrottle.AddressKey(IPAddress.Parse(address)));
    }
}
