using System.Text.RegularExpressions;

namespace Cordouan.Access.Tests.Tickets;

/// <summary>PVEVNC tickets: bound to user, path and port, valid 40 s (spec §11 point 4).</summary>
public sealed class VncTicketTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CreateVncTicketAsync_HasPvevncFormat()
    {
        using var access = new TestAccess();

        var ticket = await access.Tickets.CreateVncTicketAsync("alice@pve", "/vms/100", 5900, Ct);

        Assert.Matches(new Regex($"^PVEVNC:{TestAccess.Start.ToUnixTimeSeconds():X8}::[A-Za-z0-9+/]+=*$"), ticket);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(39, true)]
    [InlineData(40, false)]
    [InlineData(7000, false)]
    public async Task VerifyVncTicketAsync_ByAge_AcceptedOnlyBelow40s(int ageSeconds, bool accepted)
    {
        using var access = new TestAccess();
        var ticket = await access.Tickets.CreateVncTicketAsync("alice@pve", "/vms/100", 5900, Ct);

        access.Time.Advance(TimeSpan.FromSeconds(ageSeconds));

        Assert.Equal(accepted, await access.Tickets.VerifyVncTicketAsync(ticket, "alice@pve", "/vms/100", 5900, Ct));
    }

    [Theory]
    [InlineData("bob@pve", "/vms/100", 5900)]
    [InlineData("alice@pve", "/vms/101", 5900)]
    [InlineData("alice@pve", "/vms/100", 5901)]
    public async Task VerifyVncTicketAsync_OtherUserPathOrPort_Refused(string user, string path, int port)
    {
        using var access = new TestAccess();
        var ticket = await access.Tickets.CreateVncTicketAsync("alice@pve", "/vms/100", 5900, Ct);

        Assert.False(await access.Tickets.VerifyVncTicketAsync(ticket, user, path, port, Ct));
    }

    [Fact]
    public async Task VerifyVncTicketAsync_LoginTicketOrGarbage_Refused()
    {
        using var access = new TestAccess();
        var login = await access.Tickets.CreateTicketAsync("alice@pve", Ct);

        Assert.False(await access.Tickets.VerifyVncTicketAsync(login, "alice@pve", "/vms/100", 5900, Ct));
        Assert.False(await access.Tickets.VerifyVncTicketAsync("PVEVNC:00000000::AAAA", "alice@pve", "/vms/100", 5900, Ct));
        Assert.False(await access.Tickets.VerifyVncTicketAsync(null, "alice@pve", "/vms/100", 5900, Ct));
    }
}
