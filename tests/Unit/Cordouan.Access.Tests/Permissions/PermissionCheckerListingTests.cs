namespace Cordouan.Access.Tests.Permissions;

/// <summary>The one-load checker used by listings answers exactly as the per-call checks do, whatever the ACL shape.</summary>
public sealed class PermissionCheckerListingTests
{
    private static readonly AccessIdentity Alice = AccessIdentity.ForUser("alice@pve");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task LoadChecker_MixedAcl_AgreesWithHasPrivilegeOnEveryPath()
    {
        using var access = new TestAccess();
        await access.CreateUserAsync("alice@pve");
        await access.GrantAsync("/vms", "PVEAuditor", user: "alice@pve");
        await access.GrantAsync("/vms/100", "PVEVMAdmin", user: "alice@pve", propagate: false);
        await access.GrantAsync("/vms/101", "NoAccess", user: "alice@pve");
        await access.GrantAsync("/storage/local", "PVEAdmin", user: "alice@pve");

        var check = await access.Permissions.LoadCheckerAsync(Alice, Ct);
        string[] paths = ["/", "/vms", "/vms/100", "/vms/100/sub", "/vms/101", "/vms/102", "/vms/103", "/storage", "/storage/local", "/storage/other", "/nodes/n1"];
        string[] privileges = ["VM.Audit", "VM.PowerMgmt", "VM.Allocate", "Datastore.Audit", "Datastore.Allocate", "Sys.Audit"];
        foreach (var path in paths.Concat(paths.Reverse()))
        {
            foreach (var privilege in privileges)
            {
                Assert.True(
                    await access.Permissions.HasPrivilegeAsync(Alice, path, privilege, Ct) == check(path, privilege),
                    $"{privilege} on {path} differs between the listing checker and HasPrivilegeAsync");
            }
        }
        Assert.True(check("/vms/100", "VM.PowerMgmt"));
        Assert.False(check("/vms/100/sub", "VM.PowerMgmt"));
        Assert.False(check("/vms/101", "VM.Audit"));
        Assert.True(check("/vms/102", "VM.Audit"));
    }
}
