using Cordouan.Access.Permissions;

namespace Cordouan.Access.Tests.Permissions;

public sealed class BuiltInRolesTests
{
    private readonly RoleCatalog _roles = new();

    [Fact]
    public void Roles_IncludeProxmoxBuiltIns()
    {
        foreach (var role in new[] { "Administrator", "PVEAdmin", "PVEVMAdmin", "PVEVMUser", "PVEAuditor", "NoAccess", "PVEDatastoreUser", "PVETemplateUser" })
        {
            Assert.True(_roles.Exists(role), role);
            Assert.True(_roles.IsBuiltIn(role), role);
        }
        Assert.False(_roles.Exists("Wizard"));
    }

    [Fact]
    public void PVEVMUser_HasExactlyUserAndAuditVmPrivileges()
    {
        Assert.Equal(
            ["VM.Audit", "VM.Backup", "VM.Config.CDROM", "VM.Config.Cloudinit", "VM.Console", "VM.PowerMgmt"],
            _roles.Roles["PVEVMUser"].Order(StringComparer.Ordinal));
    }

    [Fact]
    public void PVEVMAdmin_HasEveryVmPrivilege()
    {
        var vm = _roles.AllPrivileges.Where(p => p.StartsWith("VM.", StringComparison.Ordinal));

        Assert.Equal(vm.Order(StringComparer.Ordinal), _roles.Roles["PVEVMAdmin"].Order(StringComparer.Ordinal));
    }

    [Fact]
    public void PVEAuditor_HasOnlyAuditPrivileges()
    {
        Assert.Equal(
            ["Datastore.Audit", "Mapping.Audit", "Pool.Audit", "SDN.Audit", "Sys.Audit", "VM.Audit"],
            _roles.Roles["PVEAuditor"].Order(StringComparer.Ordinal));
    }

    [Fact]
    public void PVEAdmin_LacksRootOnlyPrivileges()
    {
        var admin = _roles.Roles["PVEAdmin"];

        // Proxmox's Permissions.Modify is in no privilege group: only Administrator holds it.
        Assert.DoesNotContain("Permissions.Modify", admin);
        Assert.Contains("User.Modify", admin);
        Assert.Contains("VM.Allocate", admin);
        Assert.DoesNotContain("Sys.Modify", admin);
        Assert.DoesNotContain("Sys.PowerMgmt", admin);
        Assert.DoesNotContain("Realm.Allocate", admin);
    }

    [Fact]
    public void Administrator_HasAll_NoAccessHasNone()
    {
        Assert.Equal(_roles.AllPrivileges.Count, _roles.Roles["Administrator"].Count);
        Assert.Empty(_roles.Roles["NoAccess"]);
        Assert.Contains("Mapping.Modify", _roles.AllPrivileges);
        Assert.Contains("SDN.Use", _roles.AllPrivileges);
        Assert.Contains("VM.Snapshot.Rollback", _roles.AllPrivileges);
    }
}
