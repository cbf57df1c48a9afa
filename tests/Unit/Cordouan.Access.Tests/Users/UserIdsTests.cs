using Cordouan.Access.Users;
using Cordouan.Core.Errors;

namespace Cordouan.Access.Tests.Users;

public sealed class UserIdsTests
{
    [Theory]
    [InlineData("root@pam", "root", "pam")]
    [InlineData("alice@pve", "alice", "pve")]
    [InlineData("first.last-1_x@pve", "first.last-1_x", "pve")]
    public void TrySplit_ValidId_ReturnsNameAndRealm(string id, string name, string realm)
    {
        Assert.True(UserIds.TrySplit(id, out var n, out var r));
        Assert.Equal(name, n);
        Assert.Equal(realm, r);
    }

    [Theory]
    [InlineData("alice")]
    [InlineData("@pve")]
    [InlineData("alice@")]
    [InlineData("al ice@pve")]
    [InlineData("al:ice@pve")]
    [InlineData("al/ice@pve")]
    [InlineData("al!ice@pve")]
    [InlineData("a@b@pve")]
    public void Validate_BadFormat_ThrowsOnUserid(string id)
    {
        var error = Assert.Throws<ValidationException>(() => UserIds.Validate(id));

        Assert.Contains("does not look like a valid user name", error.Errors["userid"]);
    }

    [Fact]
    public void Validate_UnknownRealm_ThrowsNamingRealm()
    {
        var error = Assert.Throws<ValidationException>(() => UserIds.Validate("alice@ldap"));

        Assert.Contains("unknown realm 'ldap'", error.Errors["userid"]);
    }
}
