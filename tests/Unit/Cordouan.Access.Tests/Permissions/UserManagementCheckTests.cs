using Cordouan.Access.Tokens;
using Cordouan.Core.Errors;

namespace Cordouan.Access.Tests.Permissions;

/// <summary>Beyond Proxmox: User.Modify reaches only users holding no privilege the caller lacks, on any path; root@pam only by root@pam.</summary>
public sealed class UserManagementCheckTests
{
    private static readonly AccessIdentity UserAdmin = AccessIdentity.ForUser("useradmin@pve");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CheckUserManagementAsync_PlainUser_Allowed()
    {
        using var access = await SetUpAsync();
        await access.CreateUserAsync("plain@pve");

        await access.Permissions.CheckUserManagementAsync(UserAdmin, "plain@pve", groups: null, Ct);
    }

    [Fact]
    public async Task CheckUserManagementAsync_Administrator_DeniedNamingMissingPrivilege()
    {
        using var access = await SetUpAsync();
        await access.CreateUserAsync("admin@pve");
        await access.GrantAsync("/", "Administrator", user: "admin@pve");

        var error = await Assert.ThrowsAsync<PermissionDeniedException>(() => access.Permissions.CheckUserManagementAsync(UserAdmin, "admin@pve", groups: null, Ct));

        Assert.Equal("Permission check failed (/, Datastore.Allocate)", error.Message);
    }

    [Fact]
    public async Task CheckUserManagementAsync_TargetStrongerOnOneVmOnly_Denied()
    {
        using var access = await SetUpAsync();
        await access.CreateUserAsync("vmowner@pve");
        await access.GrantAsync("/vms/100", "PVEVMUser", user: "vmowner@pve");

        var error = await Assert.ThrowsAsync<PermissionDeniedException>(() => access.Permissions.CheckUserManagementAsync(UserAdmin, "vmowner@pve", groups: null, Ct));

        Assert.Equal("Permission check failed (/vms/100, VM.Audit)", error.Message);
    }

    [Fact]
    public async Task CheckUserManagementAsync_CallerHoldsTargetsRolesWithoutPropagation_Denied()
    {
        using var access = await SetUpAsync();
        await access.GrantAsync("/vms", "PVEVMUser", user: "useradmin@pve", propagate: false);
        await access.CreateUserAsync("vmuser@pve");
        await access.GrantAsync("/vms", "PVEVMUser", user: "vmuser@pve");

        var error = await Assert.ThrowsAsync<PermissionDeniedException>(() => access.Permissions.CheckUserManagementAsync(UserAdmin, "vmuser@pve", groups: null, Ct));

        Assert.Equal("Permission check failed (/vms, VM.Audit)", error.Message);
    }

    [Fact]
    public async Task CheckUserManagementAsync_CallerAlsoHoldsTargetsPrivileges_Allowed()
    {
        using var access = await SetUpAsync();
        await access.GrantAsync("/vms", "PVEVMAdmin", user: "useradmin@pve");
        await access.CreateUserAsync("vmuser@pve");
        await access.GrantAsync("/vms/100", "PVEVMUser", user: "vmuser@pve");

        await access.Permissions.CheckUserManagementAsync(UserAdmin, "vmuser@pve", groups: null, Ct);
    }

    [Fact]
    public async Task CheckUserManagementAsync_IntoStrongerGroup_Denied()
    {
        using var access = await SetUpAsync();
        await access.GrantAsync("/", "Administrator", group: "admins");
        await access.CreateUserAsync("plain@pve");

        await Assert.ThrowsAsync<PermissionDeniedException>(() => access.Permissions.CheckUserManagementAsync(UserAdmin, "plain@pve", ["admins"], Ct));
        // The caller's own entry on / outranks any group's there (Proxmox's rule), so joining admins gives it nothing more.
        await access.Permissions.CheckUserManagementAsync(UserAdmin, "useradmin@pve", ["admins"], Ct);
        await access.Permissions.CheckUserManagementAsync(UserAdmin, "plain@pve", ["nobody"], Ct);
    }

    [Fact]
    public async Task CheckUserManagementAsync_RootPam_OnlyByRoot()
    {
        using var access = await SetUpAsync();
        await access.CreateUserAsync("admin@pve");
        await access.GrantAsync("/", "Administrator", user: "admin@pve");

        var error = await Assert.ThrowsAsync<PermissionDeniedException>(
            () => access.Permissions.CheckUserManagementAsync(AccessIdentity.ForUser("admin@pve"), "root@pam", groups: null, Ct));

        Assert.Equal("Permission check failed (/access/users/root@pam, User.Modify)", error.Message);
        await access.Permissions.CheckUserManagementAsync(AccessIdentity.ForUser("root@pam"), "root@pam", groups: null, Ct);
        await access.Permissions.CheckUserManagementAsync(AccessIdentity.ForUser("root@pam"), "admin@pve", groups: null, Ct);
        await access.Permissions.CheckUserManagementAsync(AccessIdentity.ForUser("admin@pve"), "useradmin@pve", groups: null, Ct);
    }

    [Fact]
    public async Task CheckUserManagementAsync_PrivilegeSeparatedTokenOnItsOwnUser_Denied()
    {
        using var access = await SetUpAsync();
        await access.Tokens.CreateAsync("useradmin@pve", "ci", new NewToken(), Ct);
        await access.GrantAsync("/access", "PVEUserAdmin", token: "useradmin@pve!ci");

        await Assert.ThrowsAsync<PermissionDeniedException>(
            () => access.Permissions.CheckUserManagementAsync(new AccessIdentity("useradmin@pve", "ci", true), "useradmin@pve", groups: null, Ct));
    }

    private static async Task<TestAccess> SetUpAsync()
    {
        var access = new TestAccess();
        await access.CreateUserAsync("useradmin@pve");
        await access.GrantAsync("/", "PVEUserAdmin", user: "useradmin@pve");
        return access;
    }
}
