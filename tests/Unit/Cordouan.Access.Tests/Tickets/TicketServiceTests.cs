using System.Text.RegularExpressions;
using Cordouan.Access.Tickets;
using Cordouan.Access.Users;
using Cordouan.Core.Cluster;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Cordouan.Access.Tests.Tickets;

public sealed class TicketServiceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CreateTicketAsync_HasPveFormatWithUpperHexTime()
    {
        using var access = new TestAccess();

        var ticket = await access.Tickets.CreateTicketAsync("alice@pve", Ct);

        var expectedTime = TestAccess.Start.ToUnixTimeSeconds().ToString("X8");
        Assert.Matches(new Regex($"^PVE:alice@pve:{expectedTime}::[A-Za-z0-9+/]+=*$"), ticket);
        Assert.Equal("alice@pve", ticket.Split(':')[1]);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(3600, true)]
    [InlineData(7199, true)]
    [InlineData(7200, false)]
    [InlineData(86400, false)]
    public async Task TryVerifyTicketAsync_ByAge_AcceptedOnlyBelowTwoHours(int ageSeconds, bool accepted)
    {
        using var access = new TestAccess();
        var ticket = await access.Tickets.CreateTicketAsync("alice@pve", Ct);

        access.Time.Advance(TimeSpan.FromSeconds(ageSeconds));
        var verified = await access.Tickets.TryVerifyTicketAsync(ticket, Ct);

        Assert.Equal(accepted, verified is not null);
        if (verified is not null)
        {
            Assert.Equal("alice@pve", verified.UserId);
            Assert.Equal(TestAccess.Start, verified.IssuedAt);
        }
    }

    [Theory]
    [InlineData(299, true)]
    [InlineData(300, false)]
    public async Task TryVerifyTicketAsync_IssuedInFuture_AcceptedWithinFiveMinutes(int aheadSeconds, bool accepted)
    {
        using var access = new TestAccess();
        var future = new FakeTimeProvider(TestAccess.Start.AddSeconds(aheadSeconds));
        var otherNode = access.NewTicketService(access.Keys, future);
        var ticket = await otherNode.CreateTicketAsync("alice@pve", Ct);

        var verified = await access.Tickets.TryVerifyTicketAsync(ticket, Ct);

        Assert.Equal(accepted, verified is not null);
    }

    [Fact]
    public async Task TryVerifyTicketAsync_UserChanged_Rejected()
    {
        using var access = new TestAccess();
        var ticket = await access.Tickets.CreateTicketAsync("alice@pve", Ct);

        var forged = ticket.Replace("PVE:alice@pve:", "PVE:root@pam:", StringComparison.Ordinal);

        Assert.Null(await access.Tickets.TryVerifyTicketAsync(forged, Ct));
    }

    [Fact]
    public async Task TryVerifyTicketAsync_SignatureOrTimeTampered_Rejected()
    {
        using var access = new TestAccess();
        var ticket = await access.Tickets.CreateTicketAsync("alice@pve", Ct);
        var separator = ticket.IndexOf("::", StringComparison.Ordinal);
        var signature = ticket[(separator + 2)..];
        var flipped = (signature[10] == 'A' ? 'B' : 'A') + "";
        var badSignature = ticket[..(separator + 2)] + signature[..10] + flipped + signature[11..];
        var laterTime = (TestAccess.Start.ToUnixTimeSeconds() + 60).ToString("X8");
        var badTime = $"PVE:alice@pve:{laterTime}::{signature}";

        Assert.Null(await access.Tickets.TryVerifyTicketAsync(badSignature, Ct));
        Assert.Null(await access.Tickets.TryVerifyTicketAsync(badTime, Ct));
    }

    [Theory]
    [InlineData("")]
    [InlineData("PVE:alice@pve")]
    [InlineData("PVE:alice@pve:6965A2C0::")]
    [InlineData("PVE:alice@pve:6965a2c0::AAAA")]
    [InlineData("PVEVNC:alice@pve:6965A2C0::AAAA")]
    [InlineData("PVE:alice:6965A2C0::AAAA")]
    [InlineData("PVE:alice@pve:x:6965A2C0::AAAA")]
    [InlineData("PVE:alice@pve:6965A2C0::not base64!")]
    public async Task TryVerifyTicketAsync_Malformed_ReturnsNull(string ticket)
    {
        using var access = new TestAccess();

        Assert.Null(await access.Tickets.TryVerifyTicketAsync(ticket, Ct));
    }

    [Fact]
    public async Task TryVerifyTicketAsync_SignedByAnotherCluster_Rejected()
    {
        using var access = new TestAccess();
        using var other = new TestAccess(seedTicketKey: false);
        var foreign = await other.Tickets.CreateTicketAsync("alice@pve", Ct);

        Assert.Null(await access.Tickets.TryVerifyTicketAsync(foreign, Ct));
    }

    [Fact]
    public async Task AuthenticateAsync_DisabledOrDeletedUser_Throws()
    {
        using var access = new TestAccess();
        await access.CreateUserAsync("alice@pve");
        var ticket = await access.Tickets.CreateTicketAsync("alice@pve", Ct);
        Assert.Equal("alice@pve", (await access.Tickets.AuthenticateAsync(ticket, Ct)).UserId);

        await access.Users.UpdateAsync("alice@pve", new UserUpdate { Enable = false }, Ct);

        await Assert.ThrowsAsync<AuthenticationFailedException>(() => access.Tickets.AuthenticateAsync(ticket, Ct));
        await access.Users.DeleteAsync("alice@pve", Ct);
        await Assert.ThrowsAsync<AuthenticationFailedException>(() => access.Tickets.AuthenticateAsync(ticket, Ct));
    }

    [Fact]
    public async Task CsrfToken_BoundToUserAndLifetime()
    {
        using var access = new TestAccess();

        var token = await access.Tickets.CreateCsrfTokenAsync("alice@pve", Ct);

        Assert.Matches(new Regex("^[0-9A-F]{8}:[A-Za-z0-9+/]{43}$"), token);
        Assert.True(await access.Tickets.VerifyCsrfTokenAsync("alice@pve", token, Ct));
        Assert.False(await access.Tickets.VerifyCsrfTokenAsync("bob@pve", token, Ct));
        Assert.False(await access.Tickets.VerifyCsrfTokenAsync("alice@pve", token[..^1] + (token[^1] == 'A' ? "B" : "A"), Ct));
        Assert.False(await access.Tickets.VerifyCsrfTokenAsync("alice@pve", "garbage", Ct));
        Assert.False(await access.Tickets.VerifyCsrfTokenAsync("alice@pve", null, Ct));
        access.Time.Advance(TimeSpan.FromSeconds(7199));
        Assert.True(await access.Tickets.VerifyCsrfTokenAsync("alice@pve", token, Ct));
        access.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(await access.Tickets.VerifyCsrfTokenAsync("alice@pve", token, Ct));
    }

    [Fact]
    public async Task TicketKeyStore_TwoNodesRaceOnFirstUse_ShareOneKey()
    {
        using var access = new TestAccess(seedTicketKey: false);
        using var otherKeys = new TicketKeyStore(access.Store, access.Time, NullLogger<TicketKeyStore>.Instance);
        var otherNode = access.NewTicketService(otherKeys, access.Time);
        access.Store.BeforeTransact = async (compares, _) =>
        {
            if (compares.Any(c => c.Key == ClusterKeys.TicketKey))
            {
                access.Store.BeforeTransact = null;
                await otherNode.CreateTicketAsync("alice@pve", Ct);
            }
        };

        var ticket = await access.Tickets.CreateTicketAsync("alice@pve", Ct);

        Assert.Null(access.Store.BeforeTransact);
        Assert.NotNull(await otherNode.TryVerifyTicketAsync(ticket, Ct));
        Assert.NotNull(await access.Tickets.TryVerifyTicketAsync(await otherNode.CreateTicketAsync("bob@pve", Ct), Ct));
        Assert.True(await otherNode.VerifyCsrfTokenAsync("alice@pve", await access.Tickets.CreateCsrfTokenAsync("alice@pve", Ct), Ct));
    }
}
