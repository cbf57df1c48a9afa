using Cordouan.Access.Realms;
using Cordouan.Testing;

namespace Cordouan.Access.Tests.Realms;

public sealed class PamAuthenticatorTests : IDisposable
{
    private readonly TempDirectory _dir = new("cordouan-pam");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task AuthenticateAsync_Sha512Hash_AcceptsRightPasswordOnly()
    {
        var hash = LibCrypt.Hash("s3cret!", "$6$Ab12Cd34$")!;
        Assert.StartsWith("$6$Ab12Cd34$", hash);
        using var access = new TestAccess(await WriteShadowAsync($"alice:{hash}:19000:0:99999:7:::"));

        Assert.True(await access.Pam.AuthenticateAsync("alice", "s3cret!", Ct));
        Assert.False(await access.Pam.AuthenticateAsync("alice", "s3cret", Ct));
        Assert.False(await access.Pam.AuthenticateAsync("bob", "s3cret!", Ct));
    }

    [Fact]
    public async Task AuthenticateAsync_YescryptHash_Accepts()
    {
        var setting = LibCrypt.GenerateSetting("$y$");
        Assert.NotNull(setting);
        var hash = LibCrypt.Hash("pa55word", setting)!;
        Assert.StartsWith("$y$", hash);
        using var access = new TestAccess(await WriteShadowAsync($"alice:{hash}:19000:0:99999:7:::"));

        Assert.True(await access.Pam.AuthenticateAsync("alice", "pa55word", Ct));
        Assert.False(await access.Pam.AuthenticateAsync("alice", "pa55wore", Ct));
    }

    [Theory]
    [InlineData("!")]
    [InlineData("*")]
    [InlineData("")]
    public async Task AuthenticateAsync_LockedOrPasswordlessAccount_Refused(string marker)
    {
        var hash = LibCrypt.Hash("s3cret!", "$6$Ab12Cd34$")!;
        var field = marker == "" ? "" : marker + hash;
        using var access = new TestAccess(await WriteShadowAsync($"alice:{field}:19000:0:99999:7:::"));

        Assert.False(await access.Pam.AuthenticateAsync("alice", "s3cret!", Ct));
    }

    [Fact]
    public async Task AuthenticateAsync_ExpiredAccount_Refused()
    {
        var hash = LibCrypt.Hash("s3cret!", "$6$Ab12Cd34$")!;
        var yesterday = (long)(TestAccess.Start - DateTimeOffset.UnixEpoch).TotalDays - 1;
        using var access = new TestAccess(await WriteShadowAsync($"alice:{hash}:19000:0:99999:7::{yesterday}:"));

        Assert.False(await access.Pam.AuthenticateAsync("alice", "s3cret!", Ct));
    }

    [Fact]
    public async Task AuthenticateAsync_NameIsPrefixOfAnother_DoesNotMatchOther()
    {
        var hash = LibCrypt.Hash("s3cret!", "$6$Ab12Cd34$")!;
        using var access = new TestAccess(await WriteShadowAsync($"alice2:{hash}:19000:0:99999:7:::"));

        Assert.False(await access.Pam.AuthenticateAsync("alice", "s3cret!", Ct));
    }

    [Fact]
    public void Hash_FailingSetting_ReturnsNull()
    {
        Assert.Null(LibCrypt.Hash("pw", "$unknown$x$"));
        Assert.Null(LibCrypt.Hash("p\0w", "$6$Ab12Cd34$"));
    }

    private async Task<string> WriteShadowAsync(params string[] lines)
    {
        var path = _dir.Combine("shadow");
        await File.WriteAllLinesAsync(path, ["root:*:19000:0:99999:7:::", .. lines], Ct);
        return path;
    }
}
