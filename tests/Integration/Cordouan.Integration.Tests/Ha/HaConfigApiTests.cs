using System.Net;
using Cordouan.Integration.Tests.Fixtures;
using Cordouan.Testing.Daemon;
using Xunit;

namespace Cordouan.Integration.Tests.Ha;

/// <summary>
/// <c>/cluster/ha/resources</c> and <c>/cluster/ha/groups</c> against a real daemon: Proxmox's shapes (0/1 booleans,
/// absent optional keys, digests), its error texts and status codes, and what the configuration must refuse.
/// </summary>
[Collection("node")]
public sealed class HaConfigApiTests(SharedNode shared)
{
    private const string Resources = "/cluster/ha/resources";
    private const string Groups = "/cluster/ha/groups";
    private const string StaleDigest = "detected modified configuration - file changed by other user? Try again.";

    private string NodeName => shared.Node.NodeName;

    private PveHttp Admin => shared.Admin;

    [Fact]
    public async Task Resource_AddGetSetRemove_ProxmoxShapesDigestAndErrors()
    {
        var ct = TestContext.Current.CancellationToken;
        await AddSharedStorageAsync("ha-res", ct);
        await CreateVmAsync(380, "ha-res", ct);
        await CreateVmAsync(381, "local", ct);
        (await Admin.PostAsync(Groups, new() { ["group"] = "g-res", ["nodes"] = $"{NodeName}:2" }, ct)).EnsureOk();

        // Telmate sends the bare VM id. Requested states here keep the HA engine from starting the test VMs ("enabled"
        // stored as "started" is covered by the unit tests).
        var added = (await Admin.PostAsync(Resources, new() { ["sid"] = "380", ["state"] = "ignored", ["group"] = "g-res", ["max_restart"] = "2" }, ct)).EnsureOk();
        Assert.Null(added.Data);
        var listed = Assert.Single((await Admin.GetAsync(Resources, ct)).EnsureOk().Data!.AsArray(), r => r!["sid"]!.GetValue<string>() == "vm:380")!;
        Assert.Equal("vm:380", listed["sid"]!.GetValue<string>());
        Assert.Equal("vm", listed["type"]!.GetValue<string>());
        Assert.Equal("ignored", listed["state"]!.GetValue<string>());
        Assert.Equal("g-res", listed["group"]!.GetValue<string>());
        Assert.Equal(2, listed["max_restart"]!.GetValue<int>());
        Assert.Equal(1, listed["max_relocate"]!.GetValue<int>());
        Assert.Equal(1, listed["failback"]!.GetValue<int>());
        Assert.Matches("^[0-9a-f]{40}$", listed["digest"]!.GetValue<string>());
        Assert.Null(listed["comment"]);
        Assert.Empty((await Admin.GetAsync(Resources, ct, new() { ["type"] = "ct" })).EnsureOk().Data!.AsArray());
        var one = (await Admin.GetAsync($"{Resources}/380", ct)).EnsureOk().Data!;
        Assert.Equal(listed.ToJsonString(), one.ToJsonString());
        var ha = (await Admin.GetAsync($"/nodes/{NodeName}/qemu/380/status/current", ct)).EnsureOk().Data!["ha"]!;
        Assert.Equal("""{"managed":1,"state":"ignored","group":"g-res"}""", ha.ToJsonString());
        Assert.Equal("""{"managed":0}""", (await Admin.GetAsync($"/nodes/{NodeName}/qemu/381/status/current", ct)).EnsureOk().Data!["ha"]!.ToJsonString());

        await AssertFailsAsync(Admin.PostAsync(Resources, new() { ["sid"] = "vm:380" }, ct), HttpStatusCode.InternalServerError, "resource ID 'vm:380' already defined");
        await AssertFailsAsync(Admin.PostAsync(Resources, new() { ["sid"] = "vm:389" }, ct), HttpStatusCode.InternalServerError, "resource 'vm:389' does not exist in cluster");
        var local = await Admin.PostAsync(Resources, new() { ["sid"] = "381" }, ct);
        Assert.Equal(HttpStatusCode.BadRequest, local.Status);
        Assert.Equal("HA needs shared storage: disk virtio0 is on local storage 'local' - move it to a shared storage first", local.Error("sid"));
        var container = await Admin.PostAsync(Resources, new() { ["sid"] = "ct:380" }, ct);
        Assert.Equal(HttpStatusCode.BadRequest, container.Status);
        Assert.Contains("unsupported resource type 'ct'", container.Error("sid"), StringComparison.Ordinal);
        var invalid = await Admin.PutAsync($"{Resources}/vm:380", new() { ["max_restart"] = "11", ["state"] = "running", ["bogus"] = "1" }, ct);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.Status);
        Assert.NotNull(invalid.Error("bogus"));
        await AssertFailsAsync(Admin.PutAsync($"{Resources}/vm:380", new() { ["group"] = "nogroup" }, ct), HttpStatusCode.InternalServerError, "HA group 'nogroup' does not exist");
        await AssertFailsAsync(Admin.GetAsync($"{Resources}/vm:381", ct), HttpStatusCode.InternalServerError, "no such resource 'vm:381'");

        var digest = one["digest"]!.GetValue<string>();
        (await Admin.PutAsync($"{Resources}/vm:380", new() { ["comment"] = "db primary", ["digest"] = digest }, ct)).EnsureOk();
        await AssertFailsAsync(Admin.PutAsync($"{Resources}/vm:380", new() { ["comment"] = "lost update", ["digest"] = digest }, ct), HttpStatusCode.InternalServerError, StaleDigest);
        (await Admin.PutAsync($"{Resources}/vm:380", new() { ["delete"] = "group,max_restart", ["failback"] = "0" }, ct)).EnsureOk();
        var changed = (await Admin.GetAsync($"{Resources}/vm:380", ct)).EnsureOk().Data!;
        Assert.Equal("db primary", changed["comment"]!.GetValue<string>());
        Assert.Null(changed["group"]);
        Assert.Equal(1, changed["max_restart"]!.GetValue<int>());
        Assert.Equal(0, changed["failback"]!.GetValue<int>());
        Assert.NotEqual(digest, changed["digest"]!.GetValue<string>());

        (await Admin.DeleteAsync($"{Resources}/vm:380", ct)).EnsureOk();
        await AssertFailsAsync(Admin.DeleteAsync($"{Resources}/380", ct), HttpStatusCode.InternalServerError, "cannot delete service 'vm:380', not HA managed!");
        Assert.DoesNotContain((await Admin.GetAsync(Resources, ct)).EnsureOk().Data!.AsArray(), r => r!["sid"]!.GetValue<string>() == "vm:380");

        await CleanUpAsync([380, 381], ["g-res"], "ha-res", ct);
    }

    [Fact]
    public async Task Group_AddSetRemove_UnknownNodeAndGroupInUseRefused()
    {
        var ct = TestContext.Current.CancellationToken;
        await AddSharedStorageAsync("ha-grp", ct);
        await CreateVmAsync(382, "ha-grp", ct);

        var unknown = await Admin.PostAsync(Groups, new() { ["group"] = "g-grp", ["nodes"] = $"{NodeName},ghost" }, ct);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.Status);
        Assert.Equal("no such cluster node 'ghost'", unknown.Error("nodes"));
        var badName = await Admin.PostAsync(Groups, new() { ["group"] = "1bad", ["nodes"] = NodeName }, ct);
        Assert.Equal("invalid format - invalid configuration ID '1bad'", badName.Error("group"));
        Assert.Equal("property is missing and it is not optional", (await Admin.PostAsync(Groups, new() { ["group"] = "g-grp" }, ct)).Error("nodes"));

        (await Admin.PostAsync(Groups, new() { ["group"] = "g-grp", ["nodes"] = $"{NodeName}:3", ["restricted"] = "1", ["comment"] = "rack A" }, ct)).EnsureOk();
        await AssertFailsAsync(Admin.PostAsync(Groups, new() { ["group"] = "g-grp", ["nodes"] = NodeName }, ct), HttpStatusCode.InternalServerError, "ha group ID 'g-grp' already defined");
        var group = Assert.Single((await Admin.GetAsync(Groups, ct)).EnsureOk().Data!.AsArray(), g => g!["group"]!.GetValue<string>() == "g-grp")!;
        Assert.Equal("group", group["type"]!.GetValue<string>());
        Assert.Equal($"{NodeName}:3", group["nodes"]!.GetValue<string>());
        Assert.Equal(1, group["restricted"]!.GetValue<int>());
        Assert.Equal(0, group["nofailback"]!.GetValue<int>());
        Assert.Equal("rack A", group["comment"]!.GetValue<string>());

        var digest = group["digest"]!.GetValue<string>();
        (await Admin.PutAsync($"{Groups}/g-grp", new() { ["nodes"] = NodeName, ["delete"] = "restricted,comment", ["digest"] = digest }, ct)).EnsureOk();
        await AssertFailsAsync(Admin.PutAsync($"{Groups}/g-grp", new() { ["nofailback"] = "1", ["digest"] = digest }, ct), HttpStatusCode.InternalServerError, StaleDigest);
        Assert.Equal("unable to delete required option 'nodes'", (await Admin.PutAsync($"{Groups}/g-grp", new() { ["delete"] = "nodes" }, ct)).Error("delete"));
        var changed = (await Admin.GetAsync($"{Groups}/g-grp", ct)).EnsureOk().Data!;
        Assert.Equal((NodeName, 0, 0), (changed["nodes"]!.GetValue<string>(), changed["restricted"]!.GetValue<int>(), changed["nofailback"]!.GetValue<int>()));
        Assert.Null(changed["comment"]);

        (await Admin.PostAsync(Resources, new() { ["sid"] = "vm:382", ["state"] = "stopped", ["group"] = "g-grp" }, ct)).EnsureOk();
        await AssertFailsAsync(Admin.DeleteAsync($"{Groups}/g-grp", ct), HttpStatusCode.InternalServerError, "ha group 'g-grp' is used by resource 'vm:382'");
        (await Admin.DeleteAsync($"{Resources}/vm:382", ct)).EnsureOk();
        (await Admin.DeleteAsync($"{Groups}/g-grp", ct)).EnsureOk();
        await AssertFailsAsync(Admin.GetAsync($"{Groups}/g-grp", ct), HttpStatusCode.InternalServerError, "no such ha group 'g-grp'");

        await CleanUpAsync([382], [], "ha-grp", ct);
    }

    [Fact]
    public async Task VmDestroy_HaManaged_RefusedWithoutPurgeAndPurgeDropsTheResource()
    {
        var ct = TestContext.Current.CancellationToken;
        await AddSharedStorageAsync("ha-del", ct);
        await CreateVmAsync(383, "ha-del", ct);
        (await Admin.PostAsync(Resources, new() { ["sid"] = "vm:383", ["state"] = "stopped" }, ct)).EnsureOk();

        await AssertFailsAsync(Admin.DeleteAsync(Fixtures.Vms.Path(NodeName, 383), ct), HttpStatusCode.InternalServerError,
            "unable to remove VM 383 - used in HA resources and purge parameter not set.");
        (await Admin.GetAsync(Fixtures.Vms.Path(NodeName, 383, "/config"), ct)).EnsureOk();

        await Admin.RunTaskAsync(HttpMethod.Delete, Fixtures.Vms.Path(NodeName, 383), new() { ["purge"] = "1" }, ct);

        await AssertFailsAsync(Admin.GetAsync($"{Resources}/vm:383", ct), HttpStatusCode.InternalServerError, "no such resource 'vm:383'");
        await AssertFailsAsync(Admin.GetAsync(Fixtures.Vms.Path(NodeName, 383, "/config"), ct), HttpStatusCode.InternalServerError, "does not exist");
        (await Admin.DeleteAsync("/storage/ha-del", ct)).EnsureOk();
    }

    [Fact]
    public async Task VmConfig_HaManaged_NewDiskOnLocalStorageRefusedOnSharedAccepted()
    {
        var ct = TestContext.Current.CancellationToken;
        await AddSharedStorageAsync("ha-disk", ct);
        await CreateVmAsync(387, "ha-disk", ct);
        (await Admin.PostAsync(Resources, new() { ["sid"] = "vm:387", ["state"] = "stopped" }, ct)).EnsureOk();
        var before = (await Admin.GetAsync(Fixtures.Vms.Path(NodeName, 387, "/config"), ct)).EnsureOk().Data!;

        var local = await Admin.PutAsync(Fixtures.Vms.Path(NodeName, 387, "/config"), new() { ["virtio1"] = "local:0.01" }, ct);

        Assert.Equal(HttpStatusCode.BadRequest, local.Status);
        Assert.Equal("VM 387 is HA-managed (vm:387): a disk on local storage 'local' could not follow it to another node - use a shared storage, or remove the HA resource first", local.Error("virtio1"));
        Assert.Equal(before.ToJsonString(), (await Admin.GetAsync(Fixtures.Vms.Path(NodeName, 387, "/config"), ct)).EnsureOk().Data!.ToJsonString());
        Assert.DoesNotContain("vm-387-disk-1", Directory.EnumerateFiles(shared.Node.Data.Combine("storage", "local"), "*", SearchOption.AllDirectories).Select(Path.GetFileName).OfType<string>().ToList());
        (await Admin.PutAsync(Fixtures.Vms.Path(NodeName, 387, "/config"), new() { ["virtio1"] = "ha-disk:0.01" }, ct)).EnsureOk();

        (await Admin.DeleteAsync($"{Resources}/vm:387", ct)).EnsureOk();
        await CleanUpAsync([387], [], "ha-disk", ct);
    }

    [Fact]
    public async Task HaConfig_Auditor_ReadsButCannotWrite()
    {
        var ct = TestContext.Current.CancellationToken;
        (await Admin.PostAsync("/access/users", new() { ["userid"] = "ha-auditor@pve", ["password"] = "auditor-password" }, ct)).EnsureOk();
        (await Admin.PutAsync("/access/acl", new() { ["path"] = "/", ["roles"] = "PVEAuditor", ["users"] = "ha-auditor@pve" }, ct)).EnsureOk();
        using var auditor = shared.Node.Anonymous();
        (await auditor.LoginAsync("ha-auditor@pve", "auditor-password", ct)).EnsureOk();

        Assert.Equal(["status", "resources", "groups"], (await auditor.GetAsync("/cluster/ha", ct)).EnsureOk().Data!.AsArray().Select(i => i!["id"]!.GetValue<string>()));
        (await auditor.GetAsync(Groups, ct)).EnsureOk();
        var write = await auditor.PostAsync(Groups, new() { ["group"] = "g-audit", ["nodes"] = NodeName }, ct);
        Assert.Equal(HttpStatusCode.Forbidden, write.Status);
        Assert.Equal("Permission check failed (/, Sys.Console)", write.Reason);

        (await Admin.DeleteAsync("/access/users/ha-auditor@pve", ct)).EnsureOk();
    }

    private async Task AddSharedStorageAsync(string id, CancellationToken ct) =>
        (await Admin.PostAsync("/storage", new() { ["storage"] = id, ["type"] = "dir", ["path"] = shared.Node.Data.Combine(id), ["content"] = "images", ["shared"] = "1" }, ct)).EnsureOk();

    private Task<string> CreateVmAsync(int vmid, string storage, CancellationToken ct) =>
        Admin.RunTaskAsync(HttpMethod.Post, $"/nodes/{NodeName}/qemu", new() { ["vmid"] = vmid.ToString(System.Globalization.CultureInfo.InvariantCulture), ["memory"] = "64", ["virtio0"] = $"{storage}:0.01" }, ct);

    private async Task CleanUpAsync(int[] vmids, string[] groups, string storage, CancellationToken ct)
    {
        foreach (var vmid in vmids)
        {
            await Fixtures.Vms.DestroyAsync(Admin, NodeName, vmid, ct);
        }
        foreach (var group in groups)
        {
            (await Admin.DeleteAsync($"{Groups}/{group}", ct)).EnsureOk();
        }
        (await Admin.DeleteAsync($"/storage/{storage}", ct)).EnsureOk();
    }

    private static async Task AssertFailsAsync(Task<PveResponse> call, HttpStatusCode status, string message)
    {
        var response = await call;
        Assert.Equal(status, response.Status);
        Assert.Contains(message, response.Reason, StringComparison.Ordinal);
        Assert.Contains(message, response.Message, StringComparison.Ordinal);
    }
}
