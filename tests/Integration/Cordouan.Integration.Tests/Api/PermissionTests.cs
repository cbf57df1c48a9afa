using System.Net;
using Cordouan.Integration.Tests.Fixtures;
using Cordouan.Testing.Daemon;
using Xunit;

namespace Cordouan.Integration.Tests.Api;

/// <summary>ACLs on /vms/{id}: a VM user sees and drives only the VMs granted to them; API tokens authenticate without CSRF.</summary>
[Collection("node")]
public sealed class PermissionTests(SharedNode shared)
{
    private string NodeName => shared.Node.NodeName;

    [Fact]
    public async Task VmUser_OtherUsersVm_InvisibleAndForbidden()
    {
        var ct = TestContext.Current.CancellationToken;
        (await shared.Admin.PostAsync("/access/users", new() { ["userid"] = "alice@pve", ["password"] = "alice-password" }, ct)).EnsureOk();
        foreach (var id in new[] { "250", "251" })
        {
            await shared.Admin.RunTaskAsync(HttpMethod.Post, $"/nodes/{NodeName}/qemu", new() { ["vmid"] = id, ["memory"] = "64" }, ct);
        }
        (await shared.Admin.PutAsync("/access/acl", new() { ["path"] = "/vms/250", ["roles"] = "PVEVMUser", ["users"] = "alice@pve" }, ct)).EnsureOk();

        using var alice = shared.Node.Anonymous();
        (await alice.LoginAsync("alice@pve", "alice-password", ct)).EnsureOk();
        var visible = (await alice.GetAsync("/cluster/resources", ct, new() { ["type"] = "vm" })).EnsureOk().Data!.AsArray();
        Assert.Equal([250], visible.Select(v => v!["vmid"]!.GetValue<int>()));
        (await alice.GetAsync(Fixtures.Vms.Path(NodeName, 250, "/config"), ct)).EnsureOk();

        var forbidden = await alice.PostAsync(Fixtures.Vms.Path(NodeName, 251, "/status/start"), null, ct);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.Status);
        Assert.Equal("Permission check failed (/vms/251, VM.PowerMgmt)", forbidden.Reason);
        var delete = await alice.DeleteAsync(Fixtures.Vms.Path(NodeName, 250), ct);
        Assert.Equal(HttpStatusCode.Forbidden, delete.Status);
        // Tasks: alice sees her own (none yet) and not the admin's creates, on the cluster list as on the node's.
        var adminTasks = (await shared.Admin.GetAsync("/cluster/tasks", ct)).EnsureOk().Data!.AsArray();
        Assert.Contains(adminTasks, t => t!["user"]!.GetValue<string>() == "admin@pve");
        Assert.Empty((await alice.GetAsync("/cluster/tasks", ct)).EnsureOk().Data!.AsArray());
        Assert.Empty((await alice.GetAsync($"/nodes/{NodeName}/tasks", ct)).EnsureOk().Data!.AsArray());
        var started = (await alice.PostAsync(Fixtures.Vms.Path(NodeName, 250, "/status/stop"), null, ct)).EnsureOk().Data!.GetValue<string>();
        var aliceTasks = (await alice.GetAsync("/cluster/tasks", ct)).EnsureOk().Data!.AsArray();
        Assert.Equal([started], aliceTasks.Select(t => t!["upid"]!.GetValue<string>()));

        foreach (var id in new[] { 250, 251 })
        {
            await Fixtures.Vms.DestroyAsync(shared.Admin, NodeName, id, ct);
        }
        (await shared.Admin.DeleteAsync("/access/users/alice@pve", ct)).EnsureOk();
    }

    [Fact]
    public async Task ApiToken_CreatedOnce_AuthenticatesWithoutCsrf()
    {
        var ct = TestContext.Current.CancellationToken;
        var created = (await shared.Admin.PostAsync("/access/users/admin@pve/token/ci", new() { ["privsep"] = "0", ["comment"] = "tests" }, ct)).EnsureOk().Data!;
        Assert.Equal("admin@pve!ci", created["full-tokenid"]!.GetValue<string>());
        var secret = created["value"]!.GetValue<string>();
        using var client = new HttpClient(PveHttp.PinnedHandler(shared.Node.CertificatePem)) { BaseAddress = shared.Node.BaseAddress };
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", $"PVEAPIToken=admin@pve!ci={secret}");
        using (var response = await client.PostAsync($"/api2/json/nodes/{NodeName}/qemu", new FormUrlEncodedContent(new Dictionary<string, string> { ["vmid"] = "252", ["memory"] = "64" }), ct))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(":qmcreate:252:admin@pve!ci:", await response.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        }
        client.DefaultRequestHeaders.Remove("Authorization");
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "PVEAPIToken=admin@pve!ci=wrong-secret");
        using (var wrong = await client.GetAsync("/api2/json/nodes", ct))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
            Assert.Equal("Authentication failed!", wrong.ReasonPhrase);
        }
        var listed = (await shared.Admin.GetAsync("/access/users/admin@pve/token", ct)).EnsureOk().Data!.AsArray();
        Assert.DoesNotContain(secret, listed.ToJsonString(), StringComparison.Ordinal);
        await WaitUntilUnlockedAsync(252, ct);
        await Fixtures.Vms.DestroyAsync(shared.Admin, NodeName, 252, ct);
        (await shared.Admin.DeleteAsync("/access/users/admin@pve/token/ci", ct)).EnsureOk();
    }

    private async Task WaitUntilUnlockedAsync(int vmid, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(30));
        while ((await shared.Admin.GetAsync(Fixtures.Vms.Path(NodeName, vmid, "/config"), deadline.Token)).EnsureOk().Data!["lock"] is not null)
        {
            await Task.Delay(100, deadline.Token);
        }
    }
}
