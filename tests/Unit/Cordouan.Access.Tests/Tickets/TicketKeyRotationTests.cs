using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Cordouan.Access.Tickets;
using Cordouan.Core.Cluster;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Cordouan.Access.Tests.Tickets;

/// <summary>The ticket key rotates every 24 h, cluster-wide, and the previous key verifies only the tickets it signed before.</summary>
public sealed class TicketKeyRotationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetAsync_KeyOneDayOld_RotatesAndKeepsPreviousPublicKey()
    {
        using var access = new TestAccess();
        var before = await access.Tickets.CreateTicketAsync("alice@pve", Ct);
        var original = await StoredDocumentAsync(access);

        access.Time.Advance(TicketKeyStore.KeyLifetime - TimeSpan.FromSeconds(1));
        await access.Tickets.CreateTicketAsync("alice@pve", Ct);
        Assert.Equal(original.RsaPrivateKeyPkcs8, (await StoredDocumentAsync(access)).RsaPrivateKeyPkcs8);

        access.Time.Advance(TimeSpan.FromSeconds(1));
        var after = await access.Tickets.CreateTicketAsync("alice@pve", Ct);

        var rotated = await StoredDocumentAsync(access);
        Assert.NotEqual(original.RsaPrivateKeyPkcs8, rotated.RsaPrivateKeyPkcs8);
        Assert.Equal(access.Time.GetUtcNow().ToUnixTimeSeconds(), rotated.Created);
        Assert.Equal(original.Created, rotated.PreviousCreated);
        Assert.Equal(PublicKeyOf(original), rotated.PreviousRsaPublicKey);
        Assert.Equal(original.CsrfSecret, rotated.CsrfSecret);
        Assert.NotNull(await access.Tickets.TryVerifyTicketAsync(after, Ct));
        Assert.Null(await access.Tickets.TryVerifyTicketAsync(before, Ct));
    }

    [Fact]
    public async Task TryVerifyTicketAsync_SignedByPreviousKeyBeforeRotation_AcceptedUntilItExpires()
    {
        using var access = new TestAccess();
        access.Time.Advance(TicketKeyStore.KeyLifetime - TimeSpan.FromMinutes(30));
        var ticket = await access.Tickets.CreateTicketAsync("alice@pve", Ct);

        access.Time.Advance(TimeSpan.FromMinutes(30));
        Assert.NotNull(await access.Tickets.TryVerifyTicketAsync(ticket, Ct));
        Assert.NotNull((await StoredDocumentAsync(access)).PreviousRsaPublicKey);

        access.Time.Advance(TimeSpan.FromMinutes(89));
        Assert.NotNull(await access.Tickets.TryVerifyTicketAsync(ticket, Ct));
        access.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Null(await access.Tickets.TryVerifyTicketAsync(ticket, Ct));
    }

    [Fact]
    public async Task TryVerifyTicketAsync_SignedByPreviousKeyAfterRotation_Refused()
    {
        using var access = new TestAccess(seedTicketKey: false);
        using var oldKey = RSA.Create(2048);
        SeedKey(access, oldKey, TestAccess.Start);
        access.Time.Advance(TicketKeyStore.KeyLifetime);
        await access.Tickets.CreateTicketAsync("alice@pve", Ct);

        var justAfter = Forge(oldKey, "alice@pve", access.Time.GetUtcNow());
        var tooLate = Forge(oldKey, "alice@pve", access.Time.GetUtcNow() + TicketService.ClockSkewAllowance + TimeSpan.FromSeconds(1));
        access.Time.Advance(TicketService.ClockSkewAllowance + TimeSpan.FromSeconds(1));

        Assert.NotNull(await access.Tickets.TryVerifyTicketAsync(justAfter, Ct));
        Assert.Null(await access.Tickets.TryVerifyTicketAsync(tooLate, Ct));
    }

    [Fact]
    public async Task TryVerifyTicketAsync_SignedByCurrentKeyBeforeItExisted_Refused()
    {
        using var access = new TestAccess(seedTicketKey: false);
        using var key = RSA.Create(2048);
        SeedKey(access, key, TestAccess.Start);
        access.Time.Advance(TimeSpan.FromHours(1));

        var backdated = Forge(key, "alice@pve", TestAccess.Start - TicketService.ClockSkewAllowance - TimeSpan.FromSeconds(1));
        var current = Forge(key, "alice@pve", TestAccess.Start + TimeSpan.FromMinutes(1));

        Assert.Null(await access.Tickets.TryVerifyTicketAsync(backdated, Ct));
        Assert.NotNull(await access.Tickets.TryVerifyTicketAsync(current, Ct));
    }

    [Fact]
    public async Task TryVerifyTicketAsync_KeyTwoRotationsOld_Refused()
    {
        using var access = new TestAccess(seedTicketKey: false);
        using var first = RSA.Create(2048);
        SeedKey(access, first, TestAccess.Start);
        access.Time.Advance(TicketKeyStore.KeyLifetime - TimeSpan.FromMinutes(1));
        var ticket = Forge(first, "alice@pve", access.Time.GetUtcNow());
        access.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.NotNull(await access.Tickets.TryVerifyTicketAsync(ticket, Ct));

        // A second rotation (forced by a store whose current key is again a day old) drops the first key entirely.
        var stored = await StoredDocumentAsync(access);
        access.Store.Seed(ClusterKeys.TicketKey, DocumentStore.Serialize(
            stored with { Created = stored.Created - (long)TicketKeyStore.KeyLifetime.TotalSeconds },
            AccessJsonContext.Default.TicketKeyDocument));
        access.Time.Advance(TicketKeyStore.RefreshInterval);
        using var freshNode = new TicketKeyStore(access.Store, access.Time, NullLogger<TicketKeyStore>.Instance);
        var freshTickets = access.NewTicketService(freshNode, access.Time);

        Assert.Null(await freshTickets.TryVerifyTicketAsync(ticket, Ct));
        Assert.NotEqual(PublicKeyOf(first), (await StoredDocumentAsync(access)).PreviousRsaPublicKey);
    }

    [Fact]
    public async Task GetAsync_TwoNodesFindKeyDue_RotateOnlyOnce()
    {
        using var access = new TestAccess();
        using var otherKeys = new TicketKeyStore(access.Store, access.Time, NullLogger<TicketKeyStore>.Instance);
        var otherNode = access.NewTicketService(otherKeys, access.Time);
        await access.Tickets.CreateTicketAsync("alice@pve", Ct);
        await otherNode.CreateTicketAsync("alice@pve", Ct);
        access.Time.Advance(TicketKeyStore.KeyLifetime);
        var rotations = 0;
        access.Store.BeforeTransact = async (compares, _) =>
        {
            if (compares.Any(c => c.Key == ClusterKeys.TicketKey))
            {
                rotations++;
                if (rotations == 1)
                {
                    // The other node rotates between our read and our compare-and-swap: ours must lose and adopt its key.
                    await otherNode.CreateTicketAsync("alice@pve", Ct);
                }
            }
        };

        var ours = await access.Tickets.CreateTicketAsync("alice@pve", Ct);
        var theirs = await otherNode.CreateTicketAsync("bob@pve", Ct);

        Assert.Equal(2, rotations);
        var stored = await StoredDocumentAsync(access);
        Assert.Equal(TestAccess.Start.ToUnixTimeSeconds(), stored.PreviousCreated);
        Assert.NotNull(await otherNode.TryVerifyTicketAsync(ours, Ct));
        Assert.NotNull(await access.Tickets.TryVerifyTicketAsync(theirs, Ct));
        Assert.Equal(Signature(ours), Signature(await otherNode.CreateTicketAsync("alice@pve", Ct)));
    }

    [Fact]
    public async Task TryVerifyTicketAsync_KeyRotatedByNodeWithClockAhead_ReloadsAndAccepts()
    {
        using var access = new TestAccess();
        await access.Tickets.CreateTicketAsync("alice@pve", Ct);
        var ahead = new FakeTimeProvider(TestAccess.Start + TicketKeyStore.KeyLifetime);
        using var aheadKeys = new TicketKeyStore(access.Store, ahead, NullLogger<TicketKeyStore>.Instance);
        var aheadNode = access.NewTicketService(aheadKeys, ahead);
        access.Time.Advance(TicketKeyStore.KeyLifetime - TimeSpan.FromMinutes(1));

        var ticket = await aheadNode.CreateTicketAsync("alice@pve", Ct);

        Assert.NotNull(await access.Tickets.TryVerifyTicketAsync(ticket, Ct));
    }

    [Fact]
    public async Task TryVerifyTicketAsync_ForgedTickets_ReloadKeysAtMostOncePerInterval()
    {
        using var access = new TestAccess();
        await access.Tickets.CreateTicketAsync("alice@pve", Ct);
        using var foreign = RSA.Create(2048);
        access.Time.Advance(TicketKeyStore.RefreshInterval);
        var readsBefore = access.Store.ReadCount(ClusterKeys.TicketKey);

        for (var i = 0; i < 20; i++)
        {
            Assert.Null(await access.Tickets.TryVerifyTicketAsync(Forge(foreign, "alice@pve", access.Time.GetUtcNow()), Ct));
        }
        Assert.Equal(readsBefore + 1, access.Store.ReadCount(ClusterKeys.TicketKey));

        access.Time.Advance(TicketKeyStore.RefreshInterval);
        Assert.Null(await access.Tickets.TryVerifyTicketAsync(Forge(foreign, "alice@pve", access.Time.GetUtcNow()), Ct));
        Assert.Equal(readsBefore + 2, access.Store.ReadCount(ClusterKeys.TicketKey));
    }

    private static async Task<TicketKeyDocument> StoredDocumentAsync(TestAccess access) =>
        DocumentStore.Deserialize((await access.Store.GetAsync(ClusterKeys.TicketKey, Ct))!, AccessJsonContext.Default.TicketKeyDocument);

    private static string PublicKeyOf(TicketKeyDocument document)
    {
        using var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(Convert.FromBase64String(document.RsaPrivateKeyPkcs8), out _);
        return Convert.ToBase64String(rsa.ExportSubjectPublicKeyInfo());
    }

    private static string PublicKeyOf(RSA rsa) => Convert.ToBase64String(rsa.ExportSubjectPublicKeyInfo());

    private static string Signature(string ticket) => ticket[(ticket.IndexOf("::", StringComparison.Ordinal) + 2)..];

    private static void SeedKey(TestAccess access, RSA rsa, DateTimeOffset created) =>
        access.Store.Seed(ClusterKeys.TicketKey, DocumentStore.Serialize(
            new TicketKeyDocument
            {
                RsaPrivateKeyPkcs8 = Convert.ToBase64String(rsa.ExportPkcs8PrivateKey()),
                CsrfSecret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
                Created = created.ToUnixTimeSeconds(),
            },
            AccessJsonContext.Default.TicketKeyDocument));

    /// <summary>A ticket for a user with no stored document (so no ticket generation), signed by <paramref name="rsa"/>.</summary>
    private static string Forge(RSA rsa, string userId, DateTimeOffset issuedAt)
    {
        var plain = $"PVE:{userId}:{issuedAt.ToUnixTimeSeconds().ToString("X8", CultureInfo.InvariantCulture)}";
        var signature = rsa.SignData(Encoding.UTF8.GetBytes(plain), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return plain + "::" + Convert.ToBase64String(signature);
    }
}
