using Cordouan.Access.Users;

namespace Cordouan.Access.Tests.Users;

public sealed class PasswordHashTests
{
    [Fact]
    public void Create_ThenVerify_AcceptsSamePasswordOnly()
    {
        var hash = PasswordHash.Create("correct horse", 1_000);

        Assert.True(PasswordHash.Verify("correct horse", hash));
        Assert.False(PasswordHash.Verify("correct horsf", hash));
        Assert.False(PasswordHash.Verify("", hash));
    }

    [Fact]
    public void Create_RecordsSchemeIterationsAndSalt()
    {
        var parts = PasswordHash.Create("pw", 1_234).Split('$');

        Assert.Equal(4, parts.Length);
        Assert.Equal("pbkdf2-sha256", parts[0]);
        Assert.Equal("1234", parts[1]);
        Assert.Equal(16, Convert.FromBase64String(parts[2]).Length);
        Assert.Equal(32, Convert.FromBase64String(parts[3]).Length);
    }

    [Fact]
    public void Create_SamePasswordTwice_UsesDifferentSalts()
    {
        Assert.NotEqual(PasswordHash.Create("pw", 1_000), PasswordHash.Create("pw", 1_000));
    }

    [Fact]
    public void DefaultIterations_AtLeastOwaspRecommendation()
    {
        Assert.True(PasswordHash.DefaultIterations >= 210_000);
    }

    [Theory]
    [InlineData("")]
    [InlineData("plain")]
    [InlineData("pbkdf2-sha256$abc$AAAA$AAAA")]
    [InlineData("pbkdf2-sha256$0$AAAA$AAAA")]
    [InlineData("pbkdf2-sha256$99999999999$AAAA$AAAA")]
    [InlineData("pbkdf2-sha256$1000$!!!$AAAA")]
    [InlineData("pbkdf2-sha1$1000$AAAA$AAAA")]
    [InlineData("pbkdf2-sha256$1000$AAAA$")]
    public void Verify_MalformedHash_ReturnsFalse(string encoded)
    {
        Assert.False(PasswordHash.Verify("pw", encoded));
    }
}
