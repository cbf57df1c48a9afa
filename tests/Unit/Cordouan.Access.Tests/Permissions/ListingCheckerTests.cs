using Cordouan.Access.Permissions;
using Cordouan.Access.Tokens;
using Cordouan.Core.Errors;

namespace Cordouan.Access.Tests.Permissions;

/// <summary>The listing checker's regex-free fast path gives the answers of the per-call checks.</summary>
public sealed class ListingCheckerTests
{
    private static readonly string[] Privileges = ["VM.Audit", "VM.PowerMgmt", "VM.Allocate", "Datastore.Audit", "Datastore.Allocate", "Sys.Audit"];

    // Normal and non-normal forms of the same paths; the non-normal ones take the slow path.
    private static readonly string[] Paths =
    [
        "/", "/vms", "/vms/100", "/vms/100/sub", "/vms/101", "/vms/102", "/storage", "/storage/local", "/storage/other",
        "/nodes/n1", "vms/100", "//vms//100/", "/vms/100/", "/vms/102/", "vms", "//", "/vms/100\n",
    ];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/", true)]
    [InlineData("/vms", true)]
    [InlineData("/vms/100", true)]
    [InlineData("/storage/local-lvm_1.x", true)]
    [InlineData("//", false)]
    [InlineData("/vms/", false)]
    [InlineData("/vms//100", false)]
    [InlineData("vms/100", false)]
    [InlineData("/vms/10 0", false)]
    [InlineData("/vms/100\n", false)] // Normalize keeps it (regex '$' matches before a final newline): left to the slow path.
    [InlineData("/vms/\u00e9", false)]
    [InlineData("", false)]
    public void IsNormalized_Examples_TrueOnlyWhereNormalizeKeepsThePath(string path, bool expected)
    {
        Assert.Equal(expected, ListingChecker.IsNormalized(path));
        if (expected)
        {
            Assert.Equal(path, AclPaths.Normalize(path));
        }
    }

    [Fact]
    public async Task LoadChecker_GroupsAndNoAnchorAboveVms_AgreesWithHasPrivilege()
    {
        using var access = new TestAccess();
        await access.CreateUserAsync("alice@pve", groups: ["ops"]);
        await access.GrantAsync("/vms/100", "PVEVMAdmin", group: "ops", propagate: false);
        await access.GrantAsync("/vms/101", "PVEAuditor", user: "alice@pve");

        await AssertAgreesAsync(access, AccessIdentity.ForUser("alice@pve"));
    }

    [Fact]
    public async Task LoadChecker_PrivsepToken_AgreesWithHasPrivilege()
    {
        using var access = new TestAccess();
        await access.CreateUserAsync("alice@pve");
        await access.Tokens.CreateAsync("alice@pve", "ci", new NewToken(), Ct);
        await access.GrantAsync("/", "PVEVMAdmin", user: "alice@pve");
        await access.GrantAsync("/storage", "Administrator", token: "alice@pve!ci");
        await access.GrantAsync("/vms/100", "PVEVMUser", token: "alice@pve!ci");

        await AssertAgreesAsync(access, new AccessIdentity("alice@pve", "ci", true));
    }

    [Fact]
    public async Task LoadChecker_RootWithoutAcl_AgreesWithHasPrivilege()
    {
        using var access = new TestAccess();

        await AssertAgreesAsync(access, AccessIdentity.ForUser(AccessIdentity.RootUserId));
    }

    [Fact]
    public async Task LoadChecker_InvalidPath_ThrowsValidation()
    {
        using var access = new TestAccess();
        await access.CreateUserAsync("alice@pve");
        var check = await access.Permissions.LoadCheckerAsync(AccessIdentity.ForUser("alice@pve"), Ct);

        Assert.Throws<ValidationException>(() => check("/vms/10 0", "VM.Audit"));
    }

    private static async Task AssertAgreesAsync(TestAccess access, AccessIdentity identity)
    {
        var check = await access.Permissions.LoadCheckerAsync(identity, Ct);
        foreach (var path in Paths.Concat(Paths.Reverse()))
        {
            foreach (var privilege in Privileges)
            {
                Assert.True(
                    await access.Permissions.HasPrivilegeAsync(identity, path, privilege, Ct) == check(path, privilege),
                    $"{privilege} on {path} differs between the listing checker and HasPrivilegeAsync");
            }
        }
    }
}
