using Cordouan.Access.Permissions;
using Cordouan.Core.Errors;

namespace Cordouan.Access.Tests.Permissions;

/// <summary>
/// <c>PUT /access/acl</c>: Proxmox's perm-modify (Permissions.Modify, or VM.Allocate / Datastore.Allocate / Pool.Allocate
/// below /vms, /storage, /pool) and its superset rule, applied here to every granter but root@pam.
/// </summary>
public sealed class AclChangeCheckTests
{
    private static readonly AccessIdentity Granter = AccessIdentity.ForUser("granter@pve");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CheckAclChangeAsync_PveAdminGrantsAdministrator_DeniedPermissionsModify()
    {
        // PVEAdmin has no Permissions.Modify (as in Proxmox): on / it may grant nothing.
        using var access = await WithGranterAsync("/", "PVEAdmin");

        var error = await Assert.ThrowsAsync<PermissionDeniedException>(() => access.Permissions.CheckAclChangeAsync(Granter, Grant("/", "Administrator"), Ct));

        Assert.Equal("Permission check failed (/, Permissions.Modify)", error.Message);
    }

    [Fact]
    public async Task CheckAclChangeAsync_PveAdminRemovesAdministrator_Denied()
    {
        using var access = await WithGranterAsync("/", "PVEAdmin");

        await Assert.ThrowsAsync<PermissionDeniedException>(() => access.Permissions.CheckAclChangeAsync(Granter, Grant("/", "Administrator") with { Delete = true }, Ct));
    }

    [Theory]
    [InlineData("/vms/101", "PVEVMAdmin")]
    [InlineData("/vms/100", "PVEAdmin")]
    [InlineData("/storage/local", "PVEDatastoreUser")]
    public async Task CheckAclChangeAsync_PveAdminGrantsRoleItHolds_Allowed(string path, string role)
    {
        using var access = await WithGranterAsync("/", "PVEAdmin");

        await access.Permissions.CheckAclChangeAsync(Granter, Grant(path, role), Ct);
    }

    [Fact]
    public async Task CheckAclChangeAsync_RootGrantsAnything_Allowed()
    {
        using var access = new TestAccess();

        await access.Permissions.CheckAclChangeAsync(AccessIdentity.ForUser("root@pam"), Grant("/", "Administrator"), Ct);
    }

    [Fact]
    public async Task CheckAclChangeAsync_VmAdminOnOneVmGrantsOnRoot_DeniedPermissionsModify()
    {
        using var access = await WithGranterAsync("/vms/100", "PVEVMAdmin");

        var error = await Assert.ThrowsAsync<PermissionDeniedException>(() => access.Permissions.CheckAclChangeAsync(Granter, Grant("/", "Administrator"), Ct));

        Assert.Equal("Permission check failed (/, Permissions.Modify)", error.Message);
    }

    [Fact]
    public async Task CheckAclChangeAsync_VmAdminGrantsSubsetOnItsVm_Allowed()
    {
        using var access = await WithGranterAsync("/vms/100", "PVEVMAdmin");

        await access.Permissions.CheckAclChangeAsync(Granter, Grant("/vms/100", "PVEVMUser"), Ct);
        await access.Permissions.CheckAclChangeAsync(Granter, Grant("/vms/100", "PVEVMUser") with { Delete = true }, Ct);
    }

    [Theory]
    [InlineData("Administrator", "Cannot add role 'Administrator' - requires 'Permissions.Modify' or superset of privileges.")]
    [InlineData("NoAccess", "Cannot add role 'NoAccess' - requires 'Permissions.Modify'")]
    public async Task CheckAclChangeAsync_VmAdminGrantsMoreOnItsVm_RefusedWithProxmoxText(string role, string message)
    {
        using var access = await WithGranterAsync("/vms/100", "PVEVMAdmin");

        var error = await Assert.ThrowsAsync<ValidationException>(() => access.Permissions.CheckAclChangeAsync(Granter, Grant("/vms/100", role), Ct));

        Assert.Equal(message, error.Errors["role"]);
    }

    [Fact]
    public async Task CheckAclChangeAsync_VmAdminWithoutPropagation_MayGrantOnlyWithoutPropagation()
    {
        using var access = await WithGranterAsync("/vms/100", "PVEVMAdmin", propagate: false);

        var error = await Assert.ThrowsAsync<ValidationException>(() => access.Permissions.CheckAclChangeAsync(Granter, Grant("/vms/100", "PVEVMUser"), Ct));

        Assert.Equal("Cannot add role 'PVEVMUser' with propagation - requires 'Permissions.Modify' or propagated superset of privileges.", error.Errors["role"]);
        await access.Permissions.CheckAclChangeAsync(Granter, Grant("/vms/100", "PVEVMUser") with { Propagate = false }, Ct);
    }

    [Fact]
    public async Task CheckAclChangeAsync_VmAllocateOnOtherVm_Denied()
    {
        using var access = await WithGranterAsync("/vms/100", "PVEVMAdmin");

        var error = await Assert.ThrowsAsync<PermissionDeniedException>(() => access.Permissions.CheckAclChangeAsync(Granter, Grant("/vms/101", "PVEVMUser"), Ct));

        Assert.Equal("Permission check failed (/vms/101, Permissions.Modify|VM.Allocate)", error.Message);
    }

    [Fact]
    public async Task CheckAclChangeAsync_InvalidPath_ThrowsValidation()
    {
        using var access = await WithGranterAsync("/", "PVEAdmin");

        var error = await Assert.ThrowsAsync<ValidationException>(() => access.Permissions.CheckAclChangeAsync(Granter, Grant("/vms/1 00", "PVEVMUser"), Ct));

        Assert.Contains("path", error.Errors.Keys);
    }

    private static async Task<TestAccess> WithGranterAsync(string path, string role, bool propagate = true)
    {
        var access = new TestAccess();
        await access.CreateUserAsync("granter@pve");
        await access.CreateUserAsync("other@pve");
        await access.GrantAsync(path, role, user: "granter@pve", propagate: propagate);
        return access;
    }

    private static AclUpdate Grant(string path, string role) => new() { Path = path, Roles = [role], Users = ["other@pve"] };
}
