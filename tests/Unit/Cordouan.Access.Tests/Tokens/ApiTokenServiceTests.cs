using System.Text;
using Cordouan.Access.Tokens;
using Cordouan.Access.Users;
using Cordouan.Core.Cluster;
using Cordouan.Core.Errors;

namespace Cordouan.Access.Tests.Tokens;

public sealed class ApiTokenServiceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CreateAsync_ReturnsFullIdAndUuidSecret_StoresOnlyHash()
    {
        using var access = new TestAccess();
        await access.CreateUserAsync("alice@pve");

        var created = await access.Tokens.CreateAsync("alice@pve", "ci", new NewToken { Comment = "pipeline" }, Ct);

        Assert.Equal("alice@pve!ci", created.FullTokenId);
        Assert.True(Guid.TryParseExact(created.Value, "D", out _));
        Assert.Equal(new TokenInfo("ci", "pipeline", 0, true), created.Info);
        Assert.DoesNotContain(created.Value, created.ToString());
        var raw = Encoding.UTF8.GetString((await access.Store.GetAsync(ClusterKeys.Token("alice@pve", "ci"), Ct))!.Value);
        Assert.DoesNotContain(created.Value, raw);
    }

    [Fact]
    public async Task CreateAsync_Duplicate_ThrowsAlreadyExists()
    {
        using var access = new TestAccess();
        await access.CreateUserAsync("alice@pve");
        await access.Tokens.CreateAsync("alice@pve", "ci", new NewToken(), Ct);

        await Assert.ThrowsAsync<AlreadyExistsException>(() => access.Tokens.CreateAsync("alice@pve", "ci", new NewToken(), Ct));
    }

    [Fact]
    public async Task CreateAsync_UnknownUser_ThrowsNotFound()
    {
        using var access = new TestAccess();

        await Assert.ThrowsAsync<NotFoundException>(() => access.Tokens.CreateAsync("ghost@pve", "ci", new NewToken(), Ct));
    }

    [Fact]
    public async Task CreateAsync_ForRootPam_Works()
    {
        using var access = new TestAccess();

        var created = await access.Tokens.CreateAsync("root@pam", "terraform", new NewToken { PrivilegeSeparation = false }, Ct);

        var identity = await access.Tokens.AuthenticateAsync($"PVEAPIToken=root@pam!terraform={created.Value}", Ct);
        Assert.Equal("root@pam!terraform", identity.Name);
        Assert.False(identity.PrivilegeSeparation);
    }

    [Theory]
    [InlineData("1abc")]
    [InlineData("a")]
    [InlineData("bad id")]
    [InlineData("a!b")]
    public async Task CreateAsync_BadTokenId_ThrowsValidation(string tokenId)
    {
        using var access = new TestAccess();
        await access.CreateUserAsync("alice@pve");

        var error = await Assert.ThrowsAsync<ValidationException>(() => access.Tokens.CreateAsync("alice@pve", tokenId, new NewToken(), Ct));

        Assert.True(error.Errors.ContainsKey("tokenid"));
    }

    [Theory]
    [InlineData("PVEAPIToken={0}={1}")]
    [InlineData("PVEAPIToken {0}={1}")]
    [InlineData("  PVEAPIToken={0}={1}  ")]
    public async Task AuthenticateAsync_RightSecret_ReturnsTokenIdentity(string format)
    {
        using var access = new TestAccess();
        await access.CreateUserAsync("alice@pve");
        var created = await access.Tokens.CreateAsync("alice@pve", "ci", new NewToken(), Ct);

        var identity = await access.Tokens.AuthenticateAsync(string.Format(format, created.FullTokenId, created.Value), Ct);

        Assert.Equal(new AccessIdentity("alice@pve", "ci", true), identity);
        Assert.Equal("alice@pve!ci", identity.Name);
    }

    [Theory]
    [InlineData("PVEAPIToken=alice@pve!ci=00000000-0000-0000-0000-000000000000")]
    [InlineData("PVEAPIToken=alice@pve!other={secret}")]
    [InlineData("PVEAPIToken=bob@pve!ci={secret}")]
    [InlineData("PVEAPIToken=alice@pve!ci=")]
    [InlineData("PVEAPIToken=alice@pve!ci")]
    [InlineData("PVEAuthCookie=alice@pve!ci={secret}")]
    [InlineData("PVEAPITokenalice@pve!ci={secret}")]
    [InlineData("")]
    public async Task AuthenticateAsync_WrongOrMalformed_Throws(string header)
    {
        using var access = new TestAccess();
        await access.CreateUserAsync("alice@pve");
        await access.CreateUserAsync("bob@pve");
        var created = await access.Tokens.CreateAsync("alice@pve", "ci", new NewToken(), Ct);

        var error = await Assert.ThrowsAsync<AuthenticationFailedException>(
            () => access.Tokens.AuthenticateAsync(header.Replace("{secret}", created.Value, StringComparison.Ordinal), Ct));

        Assert.Equal("authentication failure", error.Message);
    }

    [Fact]
    public async Task AuthenticateAsync_ExpiredToken_Throws()
    {
        using var access = new TestAccess();
        await access.CreateUserAsync("alice@pve");
        var expire = TestAccess.Start.AddMinutes(10).ToUnixTimeSeconds();
        var created = await access.Tokens.CreateAsync("alice@pve", "ci", new NewToken { Expire = expire }, Ct);
        var header = $"PVEAPIToken={created.FullTokenId}={created.Value}";
        await access.Tokens.AuthenticateAsync(header, Ct);

        access.Time.Advance(TimeSpan.FromMinutes(11));

        await Assert.ThrowsAsync<AuthenticationFailedException>(() => access.Tokens.AuthenticateAsync(header, Ct));
    }

    [Fact]
    public async Task AuthenticateAsync_DisabledUser_Throws()
    {
        using var access = new TestAccess();
        await access.CreateUserAsync("alice@pve");
        var created = await access.Tokens.CreateAsync("alice@pve", "ci", new NewToken(), Ct);

        await access.Users.UpdateAsync("alice@pve", new UserUpdate { Enable = false }, Ct);

        await Assert.ThrowsAsync<AuthenticationFailedException>(
            () => access.Tokens.AuthenticateAsync($"PVEAPIToken={created.FullTokenId}={created.Value}", Ct));
    }

    [Fact]
    public async Task ListUpdateDelete_RoundTrip()
    {
        using var access = new TestAccess();
        await access.CreateUserAsync("alice@pve");
        await access.Tokens.CreateAsync("alice@pve", "zeta", new NewToken(), Ct);
        var ci = await access.Tokens.CreateAsync("alice@pve", "ci", new NewToken { Comment = "x" }, Ct);

        Assert.Equal(["ci", "zeta"], (await access.Tokens.ListAsync("alice@pve", Ct)).Select(t => t.TokenId));
        var updated = await access.Tokens.UpdateAsync("alice@pve", "ci", new TokenUpdate { Comment = "", PrivilegeSeparation = false, Expire = 42 }, Ct);
        Assert.Equal(new TokenInfo("ci", null, 42, false), updated);
        Assert.Equal(updated, await access.Tokens.GetAsync("alice@pve", "ci", Ct));

        await access.Tokens.DeleteAsync("alice@pve", "ci", Ct);

        var missing = await Assert.ThrowsAsync<NotFoundException>(() => access.Tokens.GetAsync("alice@pve", "ci", Ct));
        Assert.Equal("no such token 'ci' for user 'alice@pve'", missing.Message);
        await Assert.ThrowsAsync<AuthenticationFailedException>(
            () => access.Tokens.AuthenticateAsync($"PVEAPIToken={ci.FullTokenId}={ci.Value}", Ct));
        Assert.Equal(["zeta"], (await access.Tokens.ListAsync("alice@pve", Ct)).Select(t => t.TokenId));
    }

    [Fact]
    public async Task DeleteAsync_RemovesTokenAclEntries()
    {
        using var access = new TestAccess();
        await access.CreateUserAsync("alice@pve");
        await access.Tokens.CreateAsync("alice@pve", "ci", new NewToken(), Ct);
        await access.GrantAsync("/vms", "PVEVMUser", token: "alice@pve!ci");

        await access.Tokens.DeleteAsync("alice@pve", "ci", Ct);

        Assert.Empty(await access.Acl.ListAsync(Ct));
    }

    [Fact]
    public void TryParseAuthorization_SpaceForm_SplitsAtLastEquals()
    {
        Assert.True(ApiTokenService.TryParseAuthorization("PVEAPIToken alice@pve!ci=s3cr3t", out var user, out var token, out var secret));
        Assert.Equal(("alice@pve", "ci", "s3cr3t"), (user, token, secret));
        // Everything before the last '=' is the token id, which may not contain '='.
        Assert.False(ApiTokenService.TryParseAuthorization("PVEAPIToken=alice@pve!ci=abc=def", out _, out _, out _));
    }
}
