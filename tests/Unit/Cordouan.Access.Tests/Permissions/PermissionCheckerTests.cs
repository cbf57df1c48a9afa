using Cordouan.Access.Tokens;
using Cordouan.Core.Errors;

namespace Cordouan.Access.Tests.Permissions;

public sealed class PermissionCheckerTests
{
    private static readonly AccessIdentity Alice = AccessIdentity.ForUser("alice@pve");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RootPam_HasEveryPrivilegeWithoutAcl()
    {
        using var access = new TestAccess();

        var privileges = await access.Permissions.GetPrivilegesAsync(AccessIdentity.ForUser("root@pam"), "/vms/100", Ct);

        Assert.Equal(access.Roles.AllPrivileges.Order(), privileges.Order());
    }

    [Fact]
    public async Task NoAcl_NoPrivileges_CheckThrowsWithPathAndPrivilege()
    {
        using var access = new TestAccess();
        await access.CreateUserAsync("alice@pve");

        var error = await Assert.ThrowsAsync<PermissionDeniedException>(() => access.Permissions.CheckAsync(Alice, "/vms/100", "VM.Allocate", Ct));

        Assert.Equal("Permission check failed (/vms/100, VM.Allocate)", error.Message);
        Assert.Empty(await access.Permissions.GetPrivilegesAsync(Alice, "/", Ct));
    }

    [Fact]
    public async Task PropagatingRoleAtRoot_InheritedBelow()
    {
        using var access = new TestAccess();
        await access.CreateUserAsync("alice@pve");
        await access.GrantAsync("/", "PVEVMAdmin", user: "alice@pve");

        await access.Permissions.CheckAsync(Alice, "/vms/100", "VM.Allocate", Ct);
        await access.Permissions.CheckAsync(Alice, "//vms//100/", "VM.Config.Disk", Ct);
        Assert.False(await access.Permissions.HasPrivilegeAsync(Alice, "/storage/local", "Datastore.Allocate", Ct));
    }

    [Fact]
    public async Task MoreSpecificAcl_ReplacesInheritedRoles()
    {
        using var access = new TestAccess();
        await access.CreateUserAsync("alice@pve");
        await access.GrantAsync("/", "PVEAdmin", user: "alice@pve");
        await access.GrantAsync("/vms/100", "PVEAuditor", user: "alice@pve");

        var onHundred = await access.Permissions.GetPrivilegesAsync(Alice, "/vms/100", Ct);
        var onHundredOne = await access.Permissions.GetPrivilegesAsync(Alice, "/vms/101", Ct);

        Assert.Contains("VM.Audit", onHundred);
        Assert.DoesNotContain("VM.PowerMgmt", onHundred);
        Assert.Contains("VM.PowerMgmt", onHundredOne);
    }

    [Fact]
    public async Task NonPropagatingAcl_AppliesOnlyAtItsPath()
    {
        using var access = new TestAccess();
        await access.CreateUserAsync("alice@pve");
        await access.GrantAsync("/", "PVEAuditor", user: "alice@pve");
        await access.GrantAsync("/vms", "PVEVMAdmin", user: "alice@pve", propagate: false);

        Assert.True(await access.Permissions.HasPrivilegeAsync(Alice, "/vms", "VM.Allocate", Ct));
        Assert.False(await access.Permissions.HasPrivilegeAsync(Alice, "/vms/100", "VM.Allocate", Ct));
        // The non-propagating entry does not apply below, so what was inherited from / still does.
        Assert.True(await access.Permissions.HasPrivilegeAsync(Alice, "/vms/100", "VM.Audit", Ct));
    }

    [Fact]
    public async Task SeveralRolesAtOneLevel_Unite()
    {
        using var access = new TestAccess();
        await access.CreateUserAsync("alice@pve");
        await access.GrantAsync("/", "PVEVMUser", user: "alice@pve");
        await access.GrantAsync("/", "PVEDatastoreUser", user: "alice@pve");

        var privileges = await access.Permissions.GetPrivilegesAsync(Alice, "/storage/local", Ct);

        Assert.Contains("VM.Console", privileges);
        Assert.Contains("Datastore.AllocateSpace", privileges);
    }

    [Fact]
    public async Task NoAccess_WipesInheritedPrivileges()
    {
        using var access = new TestAccess();
        await access.CreateUserAsync("alice@pve");
        await access.GrantAsync("/", "Administrator", user: "alice@pve");
        await access.GrantAsync("/vms/100", "NoAccess", user: "alice@pve");

        Assert.Empty(await access.Permissions.GetPrivilegesAsync(Alice, "/vms/100", Ct));
        Assert.NotEmpty(await access.Permissions.GetPrivilegesAsync(Alice, "/vms/101", Ct));
    }

    [Fact]
    public async Task GroupAcl_AppliesToMembers_UserAclAtSameLevelWins()
    {
        using var access = new TestAccess();
        await access.CreateUserAsync("alice@pve", groups: ["ops"]);
        await access.CreateUserAsync("bob@pve", groups: ["ops"]);
        await access.GrantAsync("/vms", "PVEVMAdmin", group: "ops");
        await access.GrantAsync("/vms", "PVEAuditor", user: "bob@pve");
        var bob = AccessIdentity.ForUser("bob@pve");

        Assert.True(await access.Permissions.HasPrivilegeAsync(Alice, "/vms/100", "VM.Allocate", Ct));
        Assert.False(await access.Permissions.HasPrivilegeAsync(bob, "/vms/100", "VM.Allocate", Ct));
        Assert.True(await access.Permissions.HasPrivilegeAsync(bob, "/vms/100", "VM.Audit", Ct));
    }

    [Fact]
    public async Task GroupAclDeeper_ReplacesUserAclHigher()
    {
        using var access = new TestAccess();
        await access.CreateUserAsync("alice@pve", groups: ["viewers"]);
        await access.GrantAsync("/", "PVEAdmin", user: "alice@pve");
        await access.GrantAsync("/vms", "PVEAuditor", group: "viewers");

        Assert.False(await access.Permissions.HasPrivilegeAsync(Alice, "/vms/100", "VM.PowerMgmt", Ct));
        Assert.True(await access.Permissions.HasPrivilegeAsync(Alice, "/storage/local", "Datastore.Allocate", Ct));
    }

    [Fact]
    public async Task PrivsepToken_GetsIntersectionOfOwnAndUserAcl()
    {
        using var access = new TestAccess();
        await access.CreateUserAsync("alice@pve");
        await access.Tokens.CreateAsync("alice@pve", "ci", new NewToken(), Ct);
        await access.GrantAsync("/", "PVEVMAdmin", user: "alice@pve");
        await access.GrantAsync("/storage", "Administrator", token: "alice@pve!ci");
        await access.GrantAsync("/vms/100", "PVEVMUser", token: "alice@pve!ci");
        var token = new AccessIdentity("alice@pve", "ci", true);

        var onHundred = await access.Permissions.GetPrivilegesAsync(token, "/vms/100", Ct);
        var onStorage = await access.Permissions.GetPrivilegesAsync(token, "/storage/local", Ct);
        var onOther = await access.Permissions.GetPrivilegesAsync(token, "/vms/101", Ct);

        Assert.Contains("VM.PowerMgmt", onHundred);
        Assert.DoesNotContain("VM.Allocate", onHundred);
        Assert.Contains("VM.Allocate", onStorage);
        Assert.DoesNotContain("Datastore.Allocate", onStorage);
        Assert.Empty(onOther);
    }

    [Fact]
    public async Task PrivsepToken_WithoutOwnAcl_HasNothing()
    {
        using var access = new TestAccess();
        await access.CreateUserAsync("alice@pve");
        await access.Tokens.CreateAsync("alice@pve", "ci", new NewToken(), Ct);
        await access.GrantAsync("/", "Administrator", user: "alice@pve");

        Assert.Empty(await access.Permissions.GetPrivilegesAsync(new AccessIdentity("alice@pve", "ci", true), "/vms/100", Ct));
    }

    [Fact]
    public async Task NonPrivsepToken_GetsUserPrivileges_EvenIfIdentityClaimsPrivsep()
    {
        using var access = new TestAccess();
        await access.CreateUserAsync("alice@pve");
        await access.Tokens.CreateAsync("alice@pve", "ci", new NewToken { PrivilegeSeparation = false }, Ct);
        await access.GrantAsync("/", "PVEVMAdmin", user: "alice@pve");

        var privileges = await access.Permissions.GetPrivilegesAsync(new AccessIdentity("alice@pve", "ci", true), "/vms/100", Ct);

        Assert.Contains("VM.Allocate", privileges);
    }

    [Fact]
    public async Task RootToken_Privsep_LimitedToOwnAcl()
    {
        using var access = new TestAccess();
        await access.Tokens.CreateAsync("root@pam", "auditor", new NewToken(), Ct);
        await access.GrantAsync("/", "PVEAuditor", token: "root@pam!auditor");

        var privileges = await access.Permissions.GetPrivilegesAsync(new AccessIdentity("root@pam", "auditor", true), "/", Ct);

        Assert.Contains("Sys.Audit", privileges);
        Assert.DoesNotContain("Sys.Modify", privileges);
    }

    [Fact]
    public async Task ExpiredOrDeletedToken_HasNothing()
    {
        using var access = new TestAccess();
        await access.CreateUserAsync("alice@pve");
        await access.Tokens.CreateAsync("alice@pve", "ci", new NewToken { PrivilegeSeparation = false, Expire = TestAccess.Start.AddMinutes(1).ToUnixTimeSeconds() }, Ct);
        await access.GrantAsync("/", "PVEAuditor", user: "alice@pve");
        var token = new AccessIdentity("alice@pve", "ci", false);
        Assert.NotEmpty(await access.Permissions.GetPrivilegesAsync(token, "/", Ct));

        access.Time.Advance(TimeSpan.FromMinutes(2));

        Assert.Empty(await access.Permissions.GetPrivilegesAsync(token, "/", Ct));
        Assert.Empty(await access.Permissions.GetPrivilegesAsync(new AccessIdentity("alice@pve", "nope", false), "/", Ct));
    }

    [Fact]
    public async Task CheckAnyAsync_OneHeld_Passes_NoneHeld_ThrowsWithAll()
    {
        using var access = new TestAccess();
        await access.CreateUserAsync("alice@pve");
        await access.GrantAsync("/", "PVEAuditor", user: "alice@pve");

        await access.Permissions.CheckAnyAsync(Alice, "/", ["Sys.Modify", "Sys.Audit"], Ct);
        var error = await Assert.ThrowsAsync<PermissionDeniedException>(() => access.Permissions.CheckAnyAsync(Alice, "/", ["Sys.Modify", "Sys.Console"], Ct));

        Assert.Equal("Permission check failed (/, Sys.Modify|Sys.Console)", error.Message);
    }

    [Fact]
    public async Task GetPrivilegesAsync_InvalidPath_ThrowsValidation()
    {
        using var access = new TestAccess();

        await Assert.ThrowsAsync<ValidationException>(() => access.Permissions.GetPrivilegesAsync(Alice, "/vms/1 00", Ct));
    }

    [Fact]
    public void AccessIdentity_TryParse_UserAndToken()
    {
        Assert.True(AccessIdentity.TryParse("alice@pve!ci", out var token));
        Assert.Equal(new AccessIdentity("alice@pve", "ci", true), token);
        Assert.True(AccessIdentity.TryParse("root@pam", out var root));
        Assert.True(root.IsRoot);
        Assert.False(AccessIdentity.TryParse("alice", out _));
        Assert.False(AccessIdentity.TryParse("alice@pve!", out _));
    }
}
