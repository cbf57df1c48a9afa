namespace Cordouan.Access.Tests.Permissions;

/// <summary>The maps built from effective privileges: <c>GET /access/permissions</c> and the login's <c>cap</c>.</summary>
public sealed class PermissionReportTests
{
    private static readonly AccessIdentity Alice = AccessIdentity.ForUser("alice@pve");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PermissionsAsync_AtRoot_HoldsTelmateStartupPrivileges()
    {
        using var access = new TestAccess();
        await access.CreateUserAsync("terraform@pve");
        await access.GrantAsync("/", "Administrator", user: "terraform@pve");
        string[] telmate =
        [
            "Datastore.AllocateSpace", "Datastore.Audit", "Pool.Allocate", "Pool.Audit", "Sys.Audit", "Sys.Console", "Sys.Modify",
            "VM.Allocate", "VM.Audit", "VM.Clone", "VM.Config.CDROM", "VM.Config.Cloudinit", "VM.Config.CPU", "VM.Config.Disk",
            "VM.Config.HWType", "VM.Config.Memory", "VM.Config.Network", "VM.Config.Options", "VM.Migrate", "VM.PowerMgmt",
        ];

        var permissions = await access.Permissions.PermissionsAsync(AccessIdentity.ForUser("terraform@pve"), "/", Ct);

        var atRoot = Assert.Single(permissions);
        Assert.Equal("/", atRoot.Key);
        Assert.All(telmate, p => Assert.Equal(1, atRoot.Value[p]));
    }

    [Fact]
    public async Task PermissionsAsync_WithoutPath_ListsOnlyPathsWithPrivileges()
    {
        using var access = new TestAccess();
        await access.CreateUserAsync("alice@pve");
        await access.GrantAsync("/vms/100", "PVEVMUser", user: "alice@pve");
        await access.GrantAsync("/storage/local", "PVEDatastoreUser", user: "alice@pve");

        var permissions = await access.Permissions.PermissionsAsync(Alice, null, Ct);

        Assert.Equal(["/storage/local", "/vms/100"], permissions.Keys);
        Assert.Equal(1, permissions["/vms/100"]["VM.Console"]);
    }

    [Fact]
    public async Task PermissionsAsync_PathWithNothing_ReturnsEmptyMap()
    {
        using var access = new TestAccess();

        var permissions = await access.Permissions.PermissionsAsync(Alice, "/", Ct);

        Assert.Empty(permissions["/"]);
    }

    [Fact]
    public async Task CapabilitiesAsync_SortsPrivilegesIntoSections()
    {
        using var access = new TestAccess();
        await access.CreateUserAsync("alice@pve");
        await access.GrantAsync("/vms/100", "PVEVMAdmin", user: "alice@pve");
        await access.GrantAsync("/nodes", "PVEAuditor", user: "alice@pve");
        await access.GrantAsync("/pool/dev", "PVEDatastoreUser", user: "alice@pve");

        var cap = await access.Permissions.CapabilitiesAsync(Alice, Ct);

        Assert.Equal(1, cap["vms"]["VM.Allocate"]);
        Assert.Equal(1, cap["nodes"]["Sys.Audit"]);
        Assert.False(cap["nodes"].ContainsKey("VM.Audit"));
        Assert.Equal(1, cap["storage"]["Datastore.AllocateSpace"]);
        Assert.Equal(1, cap["vms"]["Datastore.AllocateSpace"]);
        Assert.Empty(cap["dc"]);
        Assert.Empty(cap["access"]);
    }

    [Fact]
    public async Task CapabilitiesAsync_AdministratorOnRoot_DcShowsAuditAndModify()
    {
        using var access = new TestAccess();
        await access.CreateUserAsync("alice@pve");
        await access.GrantAsync("/", "Administrator", user: "alice@pve");

        var cap = await access.Permissions.CapabilitiesAsync(Alice, Ct);

        Assert.Equal(["SDN.Allocate", "SDN.Audit", "SDN.Use", "Sys.Audit", "Sys.Modify"], cap["dc"].Keys);
        Assert.Equal(1, cap["access"]["User.Modify"]);
        Assert.Equal(1, cap["access"]["Permissions.Modify"]);
        Assert.Equal(1, cap["mapping"]["Mapping.Use"]);
        Assert.Equal(1, cap["sdn"]["SDN.Use"]);
    }
}
