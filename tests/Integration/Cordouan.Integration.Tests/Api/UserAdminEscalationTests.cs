using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Cordouan.Integration.Tests.Fixtures;
using Cordouan.Testing.Daemon;
using Xunit;

namespace Cordouan.Integration.Tests.Api;

/// <summary>
/// The escalation paths of issue 17 over real HTTP: a user administrator cannot reach stronger users, a granter cannot
/// hand out privileges it lacks, an auditor cannot stop others' tasks, and tickets end with the password or the account.
/// </summary>
[Collection("node")]
public sealed class UserAdminEscalationTests(SharedNode shared)
{
    private string NodeName => shared.Node.NodeName;

    [Fact]
    public async Task UserAdmin_TokensForOthers_Forbidden()
    {
        var ct = TestContext.Current.CancellationToken;
        using var userAdmin = await UserWithRoleAsync("ua-tokens@pve", "/", "PVEUserAdmin", ct);
        await CreateUserAsync("ua-tokens-plain@pve", ct);

        foreach (var target in new[] { "root@pam", "admin@pve", "ua-tokens-plain@pve" })
        {
            var refused = await userAdmin.PostAsync($"/access/users/{target}/token/escalate", new() { ["privsep"] = "0" }, ct);
            Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
            Assert.Equal($"Permission check failed (/access/users/{target}, User.Modify)", refused.Reason);
        }
        (await userAdmin.PostAsync("/access/users/ua-tokens@pve/token/own", null, ct)).EnsureOk();
        var rootTokens = (await shared.Admin.GetAsync("/access/users/admin@pve/token", ct)).EnsureOk().Data!.AsArray();
        Assert.DoesNotContain(rootTokens, t => t!["tokenid"]!.GetValue<string>() == "escalate");

        await DeleteUsersAsync(ct, "ua-tokens@pve", "ua-tokens-plain@pve");
    }

    [Fact]
    public async Task UserAdmin_StrongerUsers_Unreachable_WeakerUsers_Managed()
    {
        var ct = TestContext.Current.CancellationToken;
        using var userAdmin = await UserWithRoleAsync("ua-users@pve", "/", "PVEUserAdmin", ct);
        await CreateUserAsync("ua-users-plain@pve", ct);

        var password = await userAdmin.PutAsync("/access/password", new() { ["userid"] = "admin@pve", ["password"] = "taken-over-1" }, ct);
        Assert.Equal(HttpStatusCode.Forbidden, password.Status);
        Assert.Equal("Permission check failed (/, Datastore.Allocate)", password.Reason);
        Assert.Equal(HttpStatusCode.Forbidden, (await userAdmin.PutAsync("/access/password", new() { ["userid"] = "root@pam", ["password"] = "taken-over-1" }, ct)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await userAdmin.PutAsync("/access/users/admin@pve", new() { ["enable"] = "0" }, ct)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await userAdmin.DeleteAsync("/access/users/admin@pve", ct)).Status);
        (await shared.Admin.GetAsync("/access/permissions", ct)).EnsureOk();

        (await userAdmin.PutAsync("/access/users/ua-users-plain@pve", new() { ["comment"] = "managed" }, ct)).EnsureOk();
        (await userAdmin.PutAsync("/access/password", new() { ["userid"] = "ua-users-plain@pve", ["password"] = "new-plain-password" }, ct)).EnsureOk();

        // Nor can it put anyone into a group stronger than itself.
        (await shared.Admin.PutAsync("/access/acl", new() { ["path"] = "/", ["roles"] = "Administrator", ["groups"] = "ua-admins" }, ct)).EnsureOk();
        var intoAdmins = await userAdmin.PutAsync("/access/users/ua-users-plain@pve", new() { ["groups"] = "ua-admins" }, ct);
        Assert.Equal(HttpStatusCode.Forbidden, intoAdmins.Status);
        (await shared.Admin.PutAsync("/access/acl", new() { ["path"] = "/", ["roles"] = "Administrator", ["groups"] = "ua-admins", ["delete"] = "1" }, ct)).EnsureOk();

        await DeleteUsersAsync(ct, "ua-users@pve", "ua-users-plain@pve");
    }

    [Fact]
    public async Task AclGrant_PrivilegesTheGranterLacks_Refused()
    {
        var ct = TestContext.Current.CancellationToken;
        using var pveAdmin = await UserWithRoleAsync("acl-pveadmin@pve", "/", "PVEAdmin", ct);
        using var vmAdmin = await UserWithRoleAsync("acl-vmadmin@pve", "/vms/100", "PVEVMAdmin", ct);
        await CreateUserAsync("acl-plain@pve", ct);

        var selfPromotion = await pveAdmin.PutAsync("/access/acl", new() { ["path"] = "/", ["roles"] = "Administrator", ["users"] = "acl-pveadmin@pve" }, ct);
        Assert.Equal(HttpStatusCode.Forbidden, selfPromotion.Status);
        // PVEAdmin lacks Permissions.Modify (as in Proxmox), so perm-modify refuses it first; the rule that a holder of
        // Permissions.Modify must also hold every granted privilege is covered by AclChangeCheckTests.
        Assert.Equal("Permission check failed (/, Permissions.Modify)", selfPromotion.Reason);

        var onRoot = await vmAdmin.PutAsync("/access/acl", new() { ["path"] = "/", ["roles"] = "Administrator", ["users"] = "acl-vmadmin@pve" }, ct);
        Assert.Equal(HttpStatusCode.Forbidden, onRoot.Status);
        Assert.Equal("Permission check failed (/, Permissions.Modify)", onRoot.Reason);
        var moreOnVm = await vmAdmin.PutAsync("/access/acl", new() { ["path"] = "/vms/100", ["roles"] = "Administrator", ["users"] = "acl-plain@pve" }, ct);
        Assert.Equal(HttpStatusCode.BadRequest, moreOnVm.Status);
        Assert.Equal("Cannot add role 'Administrator' - requires 'Permissions.Modify' or superset of privileges.", moreOnVm.Error("role"));
        (await vmAdmin.PutAsync("/access/acl", new() { ["path"] = "/vms/100", ["roles"] = "PVEVMUser", ["users"] = "acl-plain@pve" }, ct)).EnsureOk();

        var acl = (await shared.Admin.GetAsync("/access/acl", ct)).EnsureOk().Data!.AsArray();
        Assert.DoesNotContain(acl, e => e!["roleid"]!.GetValue<string>() == "Administrator" && e["ugid"]!.GetValue<string>().StartsWith("acl-", StringComparison.Ordinal));
        Assert.Contains(acl, e => e!["roleid"]!.GetValue<string>() == "PVEVMUser" && e["ugid"]!.GetValue<string>() == "acl-plain@pve");
        await DeleteUsersAsync(ct, "acl-pveadmin@pve", "acl-vmadmin@pve", "acl-plain@pve");
    }

    [Fact]
    public async Task Auditor_AbortsAnotherUsersTask_Forbidden()
    {
        var ct = TestContext.Current.CancellationToken;
        using var auditor = await UserWithRoleAsync("task-auditor@pve", "/", "PVEAuditor", ct);
        var upid = await shared.Admin.RunTaskAsync(HttpMethod.Post, $"/nodes/{NodeName}/qemu", new() { ["vmid"] = "254", ["memory"] = "64" }, ct);
        var path = $"/nodes/{NodeName}/tasks/{Uri.EscapeDataString(upid)}";

        (await auditor.GetAsync(path + "/status", ct)).EnsureOk();
        var abort = await auditor.DeleteAsync(path, ct);

        Assert.Equal(HttpStatusCode.Forbidden, abort.Status);
        Assert.Equal($"Permission check failed (/nodes/{NodeName}, Sys.Modify)", abort.Reason);
        (await shared.Admin.DeleteAsync(path, ct)).EnsureOk();
        await Fixtures.Vms.DestroyAsync(shared.Admin, NodeName, 254, ct);
        await DeleteUsersAsync(ct, "task-auditor@pve");
    }

    [Fact]
    public async Task PasswordChange_EndsTheUsersTickets()
    {
        var ct = TestContext.Current.CancellationToken;
        using var bob = await UserWithRoleAsync("tickets-bob@pve", "/vms", "PVEAuditor", ct);
        using var bobElsewhere = shared.Node.Anonymous();
        (await bobElsewhere.LoginAsync("tickets-bob@pve", Password, ct)).EnsureOk();

        (await shared.Admin.PutAsync("/access/password", new() { ["userid"] = "tickets-bob@pve", ["password"] = "second-password" }, ct)).EnsureOk();

        var stale = await bob.GetAsync("/access/permissions", ct);
        Assert.Equal(HttpStatusCode.Unauthorized, stale.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await bobElsewhere.GetAsync("/access/permissions", ct)).Status);
        (await bob.LoginAsync("tickets-bob@pve", "second-password", ct)).EnsureOk();
        (await bob.GetAsync("/access/permissions", ct)).EnsureOk();

        // Changing one's own password ends one's other sessions too.
        (await bobElsewhere.LoginAsync("tickets-bob@pve", "second-password", ct)).EnsureOk();
        (await bob.PutAsync("/access/password", new() { ["userid"] = "tickets-bob@pve", ["password"] = "third-password" }, ct)).EnsureOk();
        Assert.Equal(HttpStatusCode.Unauthorized, (await bobElsewhere.GetAsync("/access/permissions", ct)).Status);
        await DeleteUsersAsync(ct, "tickets-bob@pve");
    }

    [Fact]
    public async Task Disable_EndsTicketsForGood_AndStopsTokens()
    {
        var ct = TestContext.Current.CancellationToken;
        using var carol = await UserWithRoleAsync("tickets-carol@pve", "/vms", "PVEAuditor", ct);
        var token = (await carol.PostAsync("/access/users/tickets-carol@pve/token/ci", new() { ["privsep"] = "0" }, ct)).EnsureOk().Data!;
        using var tokenClient = new HttpClient(PveHttp.PinnedHandler(shared.Node.CertificatePem)) { BaseAddress = shared.Node.BaseAddress };
        tokenClient.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", $"PVEAPIToken={token["full-tokenid"]}={token["value"]}");
        using (var before = await tokenClient.GetAsync("/api2/json/access/permissions", ct))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        (await shared.Admin.PutAsync("/access/users/tickets-carol@pve", new() { ["enable"] = "0" }, ct)).EnsureOk();

        Assert.Equal(HttpStatusCode.Unauthorized, (await carol.GetAsync("/access/permissions", ct)).Status);
        using (var disabled = await tokenClient.GetAsync("/api2/json/access/permissions", ct))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, disabled.StatusCode);
        }
        (await shared.Admin.PutAsync("/access/users/tickets-carol@pve", new() { ["enable"] = "1" }, ct)).EnsureOk();
        Assert.Equal(HttpStatusCode.Unauthorized, (await carol.GetAsync("/access/permissions", ct)).Status);
        (await carol.LoginAsync("tickets-carol@pve", Password, ct)).EnsureOk();
        (await carol.GetAsync("/access/permissions", ct)).EnsureOk();
        await DeleteUsersAsync(ct, "tickets-carol@pve");
    }

    [Fact]
    public async Task TicketSignedWithAnotherKey_Refused()
    {
        var ct = TestContext.Current.CancellationToken;
        using var rsa = RSA.Create(2048);
        var plain = $"PVE:root@pam:{DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString("X8", CultureInfo.InvariantCulture)}";
        var forged = plain + "::" + Convert.ToBase64String(rsa.SignData(Encoding.UTF8.GetBytes(plain), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        using var client = new HttpClient(PveHttp.PinnedHandler(shared.Node.CertificatePem)) { BaseAddress = shared.Node.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api2/json/access/users");
        request.Headers.Add("Cookie", "PVEAuthCookie=" + Uri.EscapeDataString(forged));

        using var response = await client.SendAsync(request, ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Authentication failed!", response.ReasonPhrase);
    }

    private const string Password = "first-password";

    private async Task CreateUserAsync(string userId, CancellationToken ct) =>
        (await shared.Admin.PostAsync("/access/users", new() { ["userid"] = userId, ["password"] = Password }, ct)).EnsureOk();

    /// <summary>A new user holding <paramref name="role"/> on <paramref name="path"/>, logged in.</summary>
    private async Task<PveHttp> UserWithRoleAsync(string userId, string path, string role, CancellationToken ct)
    {
        await CreateUserAsync(userId, ct);
        (await shared.Admin.PutAsync("/access/acl", new() { ["path"] = path, ["roles"] = role, ["users"] = userId }, ct)).EnsureOk();
        var client = shared.Node.Anonymous();
        (await client.LoginAsync(userId, Password, ct)).EnsureOk();
        return client;
    }

    private async Task DeleteUsersAsync(CancellationToken ct, params string[] userIds)
    {
        foreach (var userId in userIds)
        {
            (await shared.Admin.DeleteAsync("/access/users/" + userId, ct)).EnsureOk();
        }
    }
}
