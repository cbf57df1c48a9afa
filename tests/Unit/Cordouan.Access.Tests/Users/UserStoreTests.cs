using System.Text;
using Cordouan.Access.Permissions;
using Cordouan.Access.Tokens;
using Cordouan.Access.Users;
using Cordouan.Core.Cluster;
using Cordouan.Core.Errors;

namespace Cordouan.Access.Tests.Users;

public sealed class UserStoreTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CreateAsync_NewUser_CanBeReadBackWithoutHash()
    {
        using var access = new TestAccess();

        await access.Users.CreateAsync(new NewUser
        {
            UserId = "alice@pve",
            Firstname = "Alice",
            Email = "alice@example.org",
            Groups = ["ops", "dev", "ops"],
            Password = "hunter2hunter2",
        }, Ct);

        var user = await access.Users.GetAsync("alice@pve", Ct);
        Assert.Equal("Alice", user.Firstname);
        Assert.Equal(["dev", "ops"], user.Groups);
        Assert.True(user.Enable);
        Assert.Equal("pve", user.Realm);
        var raw = Encoding.UTF8.GetString((await access.Store.GetAsync(ClusterKeys.User("alice@pve"), Ct))!.Value);
        Assert.Contains("pbkdf2-sha256$1000$", raw);
        Assert.DoesNotContain("hunter2hunter2", raw);
    }

    [Fact]
    public async Task CreateAsync_Duplicate_ThrowsAlreadyExists()
    {
        using var access = new TestAccess();
        await access.CreateUserAsync("alice@pve");

        var error = await Assert.ThrowsAsync<AlreadyExistsException>(() => access.CreateUserAsync("alice@pve"));

        Assert.Equal("user 'alice@pve' already exists", error.Message);
    }

    [Fact]
    public async Task CreateAsync_RootPam_ThrowsAlreadyExists()
    {
        using var access = new TestAccess();

        await Assert.ThrowsAsync<AlreadyExistsException>(() => access.CreateUserAsync("root@pam", password: null));
    }

    [Theory]
    [InlineData("alice")]
    [InlineData("alice@ldap")]
    public async Task CreateAsync_InvalidUserid_ThrowsValidationOnUserid(string userId)
    {
        using var access = new TestAccess();

        var error = await Assert.ThrowsAsync<ValidationException>(() => access.CreateUserAsync(userId));

        Assert.True(error.Errors.ContainsKey("userid"));
    }

    [Fact]
    public async Task CreateAsync_PasswordForPamUser_ThrowsValidation()
    {
        using var access = new TestAccess();

        var error = await Assert.ThrowsAsync<ValidationException>(() => access.CreateUserAsync("bob@pam", "long-enough-pw"));

        Assert.True(error.Errors.ContainsKey("password"));
    }

    [Fact]
    public async Task CreateAsync_ShortPassword_ThrowsValidation()
    {
        using var access = new TestAccess();

        await Assert.ThrowsAsync<ValidationException>(() => access.CreateUserAsync("alice@pve", "short"));
    }

    [Fact]
    public async Task ListAsync_AlwaysIncludesRootPam()
    {
        using var access = new TestAccess();
        await access.CreateUserAsync("zed@pve");
        await access.CreateUserAsync("bob@pam", password: null);

        var users = await access.Users.ListAsync(Ct);

        Assert.Equal(["bob@pam", "root@pam", "zed@pve"], users.Select(u => u.UserId));
    }

    [Fact]
    public async Task UpdateAsync_ChangesOnlyGivenFields_EmptyClears()
    {
        using var access = new TestAccess();
        await access.Users.CreateAsync(new NewUser { UserId = "alice@pve", Firstname = "Alice", Comment = "old", Groups = ["a"] }, Ct);

        var updated = await access.Users.UpdateAsync("alice@pve", new UserUpdate { Comment = "", Enable = false, Groups = ["b"], AppendGroups = true }, Ct);

        Assert.Equal("Alice", updated.Firstname);
        Assert.Null(updated.Comment);
        Assert.False(updated.Enable);
        Assert.Equal(["a", "b"], updated.Groups);
    }

    [Fact]
    public async Task UpdateAsync_ConcurrentWriteOnce_RetriesAndKeepsBoth()
    {
        using var access = new TestAccess();
        await access.CreateUserAsync("alice@pve");
        var raced = false;
        access.Store.BeforeTransact = async (_, _) =>
        {
            if (!raced)
            {
                raced = true;
                access.Store.BeforeTransact = null;
                await access.Users.UpdateAsync("alice@pve", new UserUpdate { Email = "a@example.org" }, Ct);
            }
        };

        await access.Users.UpdateAsync("alice@pve", new UserUpdate { Comment = "mine" }, Ct);

        var user = await access.Users.GetAsync("alice@pve", Ct);
        Assert.True(raced);
        Assert.Equal("a@example.org", user.Email);
        Assert.Equal("mine", user.Comment);
    }

    [Fact]
    public async Task UpdateAsync_UnknownUser_ThrowsNotFound()
    {
        using var access = new TestAccess();

        var error = await Assert.ThrowsAsync<NotFoundException>(() => access.Users.UpdateAsync("ghost@pve", new UserUpdate(), Ct));

        Assert.Equal("no such user ('ghost@pve')", error.Message);
    }

    [Fact]
    public async Task UpdateAsync_RootPamNotYetStored_StoresIt()
    {
        using var access = new TestAccess();

        var root = await access.Users.UpdateAsync("root@pam", new UserUpdate { Email = "root@example.org" }, Ct);

        Assert.Equal("root@example.org", root.Email);
        Assert.Equal("root@example.org", (await access.Users.GetAsync("root@pam", Ct)).Email);
    }

    [Fact]
    public async Task DeleteAsync_RemovesUserTokensAndAclEntries()
    {
        using var access = new TestAccess();
        await access.CreateUserAsync("alice@pve");
        await access.CreateUserAsync("bob@pve");
        await access.Tokens.CreateAsync("alice@pve", "ci", new NewToken(), Ct);
        await access.GrantAsync("/vms", "PVEVMUser", user: "alice@pve");
        await access.GrantAsync("/vms", "PVEVMUser", user: "bob@pve");
        await access.GrantAsync("/", "PVEAuditor", token: "alice@pve!ci");

        await access.Users.DeleteAsync("alice@pve", Ct);

        Assert.Null(await access.Users.FindAsync("alice@pve", Ct));
        Assert.Empty(await access.Store.ListAsync(ClusterKeys.TokensPrefix, Ct));
        var acl = await access.Acl.ListAsync(Ct);
        var remaining = Assert.Single(acl);
        Assert.Equal(new AclEntry("/vms", AclSubjectType.User, "bob@pve", "PVEVMUser", true), remaining);
    }

    [Fact]
    public async Task DeleteAsync_RootPam_ThrowsValidation()
    {
        using var access = new TestAccess();

        await Assert.ThrowsAsync<ValidationException>(() => access.Users.DeleteAsync("root@pam", Ct));
    }

    [Fact]
    public async Task SetPasswordAsync_NewPasswordWorks_OldFails()
    {
        using var access = new TestAccess();
        await access.CreateUserAsync("alice@pve", "first-password");

        await access.Users.SetPasswordAsync("alice@pve", "second-password", Ct);

        Assert.False(await access.Users.VerifyPasswordAsync("alice@pve", "first-password", Ct));
        Assert.True(await access.Users.VerifyPasswordAsync("alice@pve", "second-password", Ct));
    }

    [Fact]
    public async Task SetPasswordAsync_UnknownUser_ThrowsNotFound()
    {
        using var access = new TestAccess();

        await Assert.ThrowsAsync<NotFoundException>(() => access.Users.SetPasswordAsync("ghost@pve", "some-password", Ct));
    }

    [Fact]
    public async Task VerifyPasswordAsync_UserWithoutPassword_ReturnsFalse()
    {
        using var access = new TestAccess();
        await access.CreateUserAsync("alice@pve", password: null);

        Assert.False(await access.Users.VerifyPasswordAsync("alice@pve", "anything-at-all", Ct));
    }

    [Fact]
    public async Task VerifyPasswordAsync_ExpiredUser_ReturnsFalse()
    {
        using var access = new TestAccess();
        await access.Users.CreateAsync(new NewUser
        {
            UserId = "alice@pve",
            Password = "secret-password",
            Expire = TestAccess.Start.AddHours(1).ToUnixTimeSeconds(),
        }, Ct);
        Assert.True(await access.Users.VerifyPasswordAsync("alice@pve", "secret-password", Ct));

        access.Time.Advance(TimeSpan.FromHours(2));

        Assert.False(await access.Users.VerifyPasswordAsync("alice@pve", "secret-password", Ct));
    }
}
