using Cordouan.Access.Permissions;
using Cordouan.Access.Tokens;
using Cordouan.Core.Cluster;
using Cordouan.Core.Errors;

namespace Cordouan.Access.Tests.Permissions;

public sealed class AclStoreTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task UpdateAsync_GrantToUsersGroupsTokens_ListedInOrder()
    {
        using var access = new TestAccess();
        await access.CreateUserAsync("alice@pve");
        await access.Tokens.CreateAsync("alice@pve", "ci", new NewToken(), Ct);

        await access.Acl.UpdateAsync(new AclUpdate
        {
            Path = "/vms/100/",
            Roles = ["PVEVMUser", "PVEAuditor"],
            Users = ["alice@pve"],
            Groups = ["ops"],
            Tokens = ["alice@pve!ci"],
            Propagate = false,
        }, Ct);

        var entries = await access.Acl.ListAsync(Ct);
        Assert.Equal(
        [
            new AclEntry("/vms/100", AclSubjectType.User, "alice@pve", "PVEAuditor", false),
            new AclEntry("/vms/100", AclSubjectType.User, "alice@pve", "PVEVMUser", false),
            new AclEntry("/vms/100", AclSubjectType.Group, "ops", "PVEAuditor", false),
            new AclEntry("/vms/100", AclSubjectType.Group, "ops", "PVEVMUser", false),
            new AclEntry("/vms/100", AclSubjectType.Token, "alice@pve!ci", "PVEAuditor", false),
            new AclEntry("/vms/100", AclSubjectType.Token, "alice@pve!ci", "PVEVMUser", false),
        ], entries);
    }

    [Fact]
    public async Task UpdateAsync_RegrantChangesPropagate_DeleteRemovesAndDropsEmptyDocument()
    {
        using var access = new TestAccess();
        await access.CreateUserAsync("alice@pve");
        await access.GrantAsync("/storage/local", "PVEDatastoreUser", user: "alice@pve");
        await access.GrantAsync("/storage/local", "PVEDatastoreUser", user: "alice@pve", propagate: false);
        Assert.False(Assert.Single(await access.Acl.ListAsync(Ct)).Propagate);

        await access.Acl.UpdateAsync(new AclUpdate { Path = "/storage/local", Roles = ["PVEDatastoreUser"], Users = ["alice@pve"], Delete = true }, Ct);

        Assert.Empty(await access.Acl.ListAsync(Ct));
        Assert.Empty(await access.Store.ListAsync(ClusterKeys.AclPrefix, Ct));
    }

    [Theory]
    [InlineData("/nope", "path")]
    [InlineData("/vms/12", "path")]
    [InlineData("/vms/1 00", "path")]
    public async Task UpdateAsync_InvalidPath_ThrowsValidation(string path, string field)
    {
        using var access = new TestAccess();

        var error = await Assert.ThrowsAsync<ValidationException>(() => access.GrantAsync(path, "PVEAuditor", user: "root@pam"));

        Assert.True(error.Errors.ContainsKey(field));
    }

    [Fact]
    public async Task UpdateAsync_UnknownRole_ThrowsValidation()
    {
        using var access = new TestAccess();

        var error = await Assert.ThrowsAsync<ValidationException>(() => access.GrantAsync("/", "Wizard", user: "root@pam"));

        Assert.Equal("role 'Wizard' does not exist", error.Errors["roles"]);
    }

    [Fact]
    public async Task UpdateAsync_NoSubjects_ThrowsValidation()
    {
        using var access = new TestAccess();

        await Assert.ThrowsAsync<ValidationException>(() => access.Acl.UpdateAsync(new AclUpdate { Path = "/", Roles = ["PVEAuditor"] }, Ct));
    }

    [Fact]
    public async Task UpdateAsync_UnknownUserOrToken_ThrowsNotFound()
    {
        using var access = new TestAccess();
        await access.CreateUserAsync("alice@pve");

        var user = await Assert.ThrowsAsync<NotFoundException>(() => access.GrantAsync("/", "PVEAuditor", user: "ghost@pve"));
        await Assert.ThrowsAsync<NotFoundException>(() => access.GrantAsync("/", "PVEAuditor", token: "alice@pve!nope"));

        Assert.Equal("user 'ghost@pve' does not exist", user.Message);
    }

    [Fact]
    public async Task UpdateAsync_UserDeletedConcurrently_DoesNotGrant()
    {
        using var access = new TestAccess();
        await access.CreateUserAsync("alice@pve");
        access.Store.BeforeTransact = async (_, ops) =>
        {
            if (ops.Any(o => o.Key.StartsWith(ClusterKeys.AclPrefix, StringComparison.Ordinal)))
            {
                access.Store.BeforeTransact = null;
                await access.Users.DeleteAsync("alice@pve", Ct);
            }
        };

        await Assert.ThrowsAsync<NotFoundException>(() => access.GrantAsync("/", "PVEAuditor", user: "alice@pve"));

        Assert.Empty(await access.Acl.ListAsync(Ct));
    }
}
