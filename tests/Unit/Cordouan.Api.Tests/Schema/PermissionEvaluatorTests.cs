using Cordouan.Api.Schema;
using Xunit;

namespace Cordouan.Api.Tests.Schema;

public sealed class PermissionEvaluatorTests
{
    private static readonly Dictionary<string, string> NoParameters = [];

    private static MethodPermission Check(PermissionCheck check) => new(PermissionMode.Check, check);

    private static PermissionVerdict Evaluate(MethodPermission permission, string? user, IAclView acl, Dictionary<string, string>? parameters = null) =>
        PermissionEvaluator.Evaluate(permission, user, parameters ?? NoParameters, acl);

    [Fact]
    public void Evaluate_WorldAnonymous_Allowed() =>
        Assert.True(Evaluate(MethodPermission.World, null, new FakeAclView()).IsAllowed);

    [Fact]
    public void Evaluate_AllAnonymous_DeniedUserNull() =>
        Assert.Equal("Permission check failed (user != null)", Evaluate(MethodPermission.All, null, new FakeAclView()).Message);

    [Fact]
    public void Evaluate_AllAuthenticated_Allowed() =>
        Assert.True(Evaluate(MethodPermission.All, "alice@pve", new FakeAclView()).IsAllowed);

    [Fact]
    public void Evaluate_RootOnlyForOtherUser_DeniedUserNotRoot()
    {
        Assert.Equal("Permission check failed (user != root@pam)", Evaluate(MethodPermission.RootOnly, "admin@pve", new FakeAclView().Grant("/", "Sys.Modify")).Message);
        Assert.True(Evaluate(MethodPermission.RootOnly, "root@pam", new FakeAclView()).IsAllowed);
    }

    [Fact]
    public void Evaluate_RootToken_IsNotRoot() =>
        Assert.False(Evaluate(MethodPermission.RootOnly, "root@pam!ci", new FakeAclView()).IsAllowed);

    [Fact]
    public void Evaluate_PermWithTemplate_SubstitutesParameterAndNamesMissingPrivilege()
    {
        var permission = Check(new PathPermissionCheck("/vms/{vmid}", ["VM.Config.Disk", "VM.Config.CPU"]));
        var acl = new FakeAclView().Grant("/vms/100", "VM.Config.Disk");
        var verdict = Evaluate(permission, "alice@pve", acl, new() { ["vmid"] = "100" });
        Assert.Equal(PermissionOutcome.Denied, verdict.Outcome);
        Assert.Equal("Permission check failed (/vms/100, VM.Config.CPU)", verdict.Message);
        acl.Grant("/vms/100", "VM.Config.CPU");
        Assert.True(Evaluate(permission, "alice@pve", acl, new() { ["vmid"] = "100" }).IsAllowed);
    }

    [Fact]
    public void Evaluate_PermAny_OneSuffices_FailureListsAll()
    {
        var permission = Check(new PathPermissionCheck("/storage/{storage}", ["Datastore.Audit", "Datastore.AllocateSpace"], Any: true));
        Assert.True(Evaluate(permission, "u@pve", new FakeAclView().Grant("/storage/local", "Datastore.AllocateSpace"), new() { ["storage"] = "local" }).IsAllowed);
        Assert.Equal(
            "Permission check failed (/storage/local, Datastore.Audit|Datastore.AllocateSpace)",
            Evaluate(permission, "u@pve", new FakeAclView(), new() { ["storage"] = "local" }).Message);
    }

    [Fact]
    public void TemplateReplace_MissingOrZero_BecomesDash()
    {
        Assert.Equal("/vms/-", PermissionEvaluator.TemplateReplace("/vms/{vmid}", NoParameters));
        Assert.Equal("/pool/-", PermissionEvaluator.TemplateReplace("/pool/{pool}", new Dictionary<string, string> { ["pool"] = "0" }));
        Assert.Equal("/sdn/zones/z1/v1", PermissionEvaluator.TemplateReplace("/sdn/zones/{zone}/{vnet}", new Dictionary<string, string> { ["zone"] = "z1", ["vnet"] = "v1" }));
    }

    [Fact]
    public void Evaluate_PathNotNormalisable_Denied()
    {
        var permission = Check(new PathPermissionCheck("/vms/{vmid}", ["VM.Audit"]));
        var verdict = Evaluate(permission, "u@pve", new FakeAclView().Grant("/vms/100", "VM.Audit"), new() { ["vmid"] = "1 00" });
        Assert.Equal("Permission check failed (/vms/1 00, VM.Audit)", verdict.Message);
    }

    [Fact]
    public void Evaluate_CloneWithRequireParam_FollowsProxmox()
    {
        // POST /nodes/{node}/qemu/{vmid}/clone
        var permission = Check(new AndCheck([
            new PathPermissionCheck("/vms/{vmid}", ["VM.Clone"]),
            new OrCheck([new PathPermissionCheck("/vms/{newid}", ["VM.Allocate"]), new PathPermissionCheck("/pool/{pool}", ["VM.Allocate"], RequireParam: "pool")]),
        ]));
        var acl = new FakeAclView().Grant("/vms/100", "VM.Clone").Grant("/pool/p1", "VM.Allocate");
        Assert.True(Evaluate(permission, "u@pve", acl, new() { ["vmid"] = "100", ["newid"] = "101", ["pool"] = "p1" }).IsAllowed);
        // Without the pool parameter the pool branch cannot pass: 'or' fails with the bare message.
        Assert.Equal("Permission check failed", Evaluate(permission, "u@pve", acl, new() { ["vmid"] = "100", ["newid"] = "101" }).Message);
        // 'and' reports its first failing part's own message.
        Assert.Equal("Permission check failed (/vms/102, VM.Clone)", Evaluate(permission, "u@pve", acl, new() { ["vmid"] = "102", ["newid"] = "101", ["pool"] = "p1" }).Message);
    }

    [Fact]
    public void Evaluate_UseridParamSelf_OnlyTheUserItself()
    {
        var permission = Check(new OrCheck([new UseridParamCheck(UseridParamCheck.Self), new UseridGroupCheck(["User.Modify"])]));
        var acl = new FakeAclView().User("alice@pve").User("bob@pve");
        Assert.True(Evaluate(permission, "alice@pve", acl, new() { ["userid"] = "alice@pve" }).IsAllowed);
        Assert.Equal("Permission check failed", Evaluate(permission, "alice@pve", acl, new() { ["userid"] = "bob@pve" }).Message);
        // A token is not its user (Proxmox compares the whole name).
        Assert.False(Evaluate(permission, "alice@pve!t1", acl, new() { ["userid"] = "alice@pve" }).IsAllowed);
    }

    [Fact]
    public void Evaluate_UseridGroup_ViaGroupsOfTheTargetUser()
    {
        var permission = Check(new UseridGroupCheck(["User.Modify", "Sys.Audit"]));
        var acl = new FakeAclView().User("bob@pve", "staff").User("carol@pve", "admins").Grant("/access/groups/staff", "User.Modify");
        Assert.True(Evaluate(permission, "alice@pve", acl, new() { ["userid"] = "bob@pve" }).IsAllowed);
        Assert.Equal("Permission check failed", Evaluate(permission, "alice@pve", acl, new() { ["userid"] = "carol@pve" }).Message);
        Assert.True(Evaluate(permission, "alice@pve", new FakeAclView().User("carol@pve").Grant("/access/groups", "Sys.Audit"), new() { ["userid"] = "carol@pve" }).IsAllowed);
    }

    [Fact]
    public void Evaluate_UseridGroupMissingUser_NoSuchUser()
    {
        var verdict = Evaluate(Check(new UseridGroupCheck(["User.Modify"])), "alice@pve", new FakeAclView().Grant("/access/groups", "User.Modify"), new() { ["userid"] = "ghost@pve" });
        Assert.Equal(PermissionOutcome.NoSuchUser, verdict.Outcome);
        Assert.Equal("no such user ('ghost@pve')", verdict.Message);
    }

    [Fact]
    public void Evaluate_UseridParamMalformedUser_InvalidUserEvenInsideOr()
    {
        var permission = Check(new OrCheck([new UseridParamCheck(UseridParamCheck.Self), new UseridGroupCheck(["User.Modify"])]));
        var verdict = Evaluate(permission, "alice@pve", new FakeAclView(), new() { ["userid"] = "no-realm" });
        Assert.Equal(PermissionOutcome.InvalidUser, verdict.Outcome);
        Assert.Equal("value 'no-realm' does not look like a valid user name", verdict.Message);
    }

    [Fact]
    public void Evaluate_UseridGroupCreate_NeedsEveryNamedGroup()
    {
        // POST /access/users
        var permission = Check(new AndCheck([
            new UseridParamCheck(UseridParamCheck.RealmAllocateUser),
            new UseridGroupCheck(["User.Modify"], GroupsParam: "create"),
        ]));
        var acl = new FakeAclView().User("x@pve", "staff", "ops").Grant("/access/realm/pve", "Realm.AllocateUser").Grant("/access/groups/staff", "User.Modify");
        Assert.True(Evaluate(permission, "alice@pve", acl, new() { ["userid"] = "new@pve", ["groups"] = "staff" }).IsAllowed);
        Assert.Equal("Permission check failed (/access/groups/ops, User.Modify)", Evaluate(permission, "alice@pve", acl, new() { ["userid"] = "new@pve", ["groups"] = "staff,ops" }).Message);
        Assert.Equal("Permission check failed (/access/groups, User.Modify)", Evaluate(permission, "alice@pve", acl, new() { ["userid"] = "new@pve" }).Message);
        Assert.Equal("Permission check failed (/access/realm/other, Realm.AllocateUser)", Evaluate(permission, "alice@pve", acl, new() { ["userid"] = "new@other", ["groups"] = "staff" }).Message);
    }

    [Theory]
    [InlineData("/vms/100", "VM.Allocate", true)]
    [InlineData("/vms/100", "Permissions.Modify", true)]
    [InlineData("/vms/100", "Datastore.Allocate", false)]
    [InlineData("/storage/local", "Datastore.Allocate", true)]
    [InlineData("/pool/p1", "Pool.Allocate", true)]
    [InlineData("/vms", "VM.Allocate", false)]
    [InlineData("/", "Sys.Modify", false)]
    public void Evaluate_PermModify_AllocatePrivilegeOfTheObject(string path, string held, bool allowed)
    {
        var verdict = Evaluate(Check(new PermModifyCheck("{path}")), "u@pve", new FakeAclView().Grant(path, held), new() { ["path"] = path });
        Assert.Equal(allowed, verdict.IsAllowed);
    }

    [Fact]
    public void Evaluate_PermModifyDenied_ListsTestedPrivileges() =>
        Assert.Equal(
            "Permission check failed (/vms/100, Permissions.Modify|VM.Allocate)",
            Evaluate(Check(new PermModifyCheck("{path}")), "u@pve", new FakeAclView(), new() { ["path"] = "/vms/100/" }).Message);

    [Fact]
    public void Parse_FactsExpressions_AllUnderstood()
    {
        var schema = PveApiSchema.LoadEmbedded();
        Assert.Equal(649, schema.Methods.Count);
        Assert.Contains(schema.Methods, m => m.Permission.Check is UseridGroupCheck { GroupsParam: "update" });
        var clone = (AndCheck)schema.Match("POST", "/api2/json/nodes/n1/qemu/100/clone")!.Method.Permission.Check!;
        var pool = (PathPermissionCheck)((OrCheck)clone.Checks[1]).Checks[1];
        Assert.Equal("/pool/{pool}", pool.PathTemplate);
        Assert.Equal(["VM.Allocate"], pool.Privileges);
        Assert.Equal("pool", pool.RequireParam);
        Assert.False(pool.Any);
    }
}
