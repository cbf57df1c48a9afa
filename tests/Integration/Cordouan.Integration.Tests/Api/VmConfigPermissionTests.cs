using System.Net;
using Cordouan.Integration.Tests.Fixtures;
using Fixtures = Cordouan.Integration.Tests.Fixtures;
using Cordouan.Testing.Daemon;
using Xunit;

namespace Cordouan.Integration.Tests.Api;

/// <summary>
/// The checks Proxmox makes inside the qemu handlers, through the API as a VM administrator of one VM would meet them:
/// host files, other VMs' volumes, per-key privileges, root-only keys, storage space on create and clone.
/// </summary>
[Collection("node")]
public sealed class VmConfigPermissionTests(SharedNode shared)
{
    private const string Password = "bob-password";
    private string NodeName => shared.Node.NodeName;

    [Fact]
    public async Task VmAdminOfOwnVm_HostFilesOtherVmsAndRootKeys_Refused()
    {
        var ct = TestContext.Current.CancellationToken;
        (await shared.Admin.PostAsync("/access/users", new() { ["userid"] = "bob@pve", ["password"] = Password }, ct)).EnsureOk();
        foreach (var id in new[] { "260", "261" })
        {
            await shared.Admin.RunTaskAsync(HttpMethod.Post, $"/nodes/{NodeName}/qemu", new() { ["vmid"] = id, ["memory"] = "64", ["scsi0"] = "local:1" }, ct);
        }
        await GrantAsync("/vms/260", "PVEVMAdmin", ct);
        await GrantAsync("/vms/262", "PVEVMAdmin", ct);
        using var bob = shared.Node.Anonymous();
        (await bob.LoginAsync("bob@pve", Password, ct)).EnsureOk();
        var config = Fixtures.Vms.Path(NodeName, 260, "/config");

        // No Datastore.AllocateSpace on local yet: no new disk there, on create or on update.
        var create = await bob.PostAsync($"/nodes/{NodeName}/qemu", new() { ["vmid"] = "262", ["memory"] = "64", ["scsi0"] = "local:1" }, ct);
        AssertForbidden(create, "Permission check failed (/storage/local, Datastore.AllocateSpace)");
        Assert.NotEqual(HttpStatusCode.OK, (await shared.Admin.GetAsync(Fixtures.Vms.Path(NodeName, 262, "/config"), ct)).Status);
        await GrantAsync("/storage/local", "PVEDatastoreUser", ct);

        AssertForbidden(await bob.PutAsync(config, new() { ["scsi1"] = "local:0,import-from=/etc/shadow" }, ct), "Only root can pass arbitrary filesystem paths.");
        AssertForbidden(await bob.PutAsync(config, new() { ["scsi1"] = "local:261/vm-261-disk-0.qcow2" }, ct), "Permission check failed (/vms/261, VM.Config.Disk)");
        AssertForbidden(await bob.PutAsync(config, new() { ["scsi1"] = "local:0,import-from=local:261/vm-261-disk-0.qcow2" }, ct), "Permission check failed (/vms/261, VM.Clone)");
        AssertForbidden(await bob.PutAsync(config, new() { ["unused0"] = "local:261/vm-261-disk-0.qcow2" }, ct), "Permission check failed (/vms/261, VM.Config.Disk)");
        foreach (var (key, value) in new Dictionary<string, string>
        {
            ["args"] = "-no-reboot",
            ["hookscript"] = "local:snippets/hook.sh",
            ["cicustom"] = "user=local:snippets/user.yaml",
        })
        {
            AssertForbidden(await bob.PutAsync(config, new() { [key] = value }, ct), $"only root can set '{key}' config");
        }
        AssertForbidden(await bob.PutAsync(config, new() { ["hostpci0"] = "0000:01:00.0" }, ct), "only root can set 'hostpci0' config for non-mapped devices");
        AssertForbidden(await bob.PutAsync(config, new() { ["lock"] = "backup" }, ct), "only root can set 'lock' config");
        var stored = (await shared.Admin.GetAsync(config, ct)).EnsureOk().Data!.AsObject();
        Assert.DoesNotContain(stored, p => p.Key is "args" or "hookscript" or "cicustom" or "hostpci0" or "lock" or "scsi1" or "unused0");

        // Once granted the rights on VM 261, its disk may be copied and attached.
        await GrantAsync("/vms/261", "PVEVMAdmin", ct);
        (await bob.PutAsync(config, new() { ["scsi1"] = "local:0,import-from=local:261/vm-261-disk-0.qcow2" }, ct)).EnsureOk();
        (await bob.PutAsync(config, new() { ["scsi2"] = "local:261/vm-261-disk-0.qcow2" }, ct)).EnsureOk();
        var disks = (await bob.GetAsync(config, ct)).EnsureOk().Data!;
        Assert.StartsWith("local:260/vm-260-disk-1.", disks["scsi1"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.StartsWith("local:261/vm-261-disk-0.qcow2", disks["scsi2"]!.GetValue<string>(), StringComparison.Ordinal);
        (await bob.PutAsync(config, new() { ["delete"] = "scsi2" }, ct)).EnsureOk();
        (await shared.Admin.PutAsync(config, new() { ["delete"] = "unused0" }, ct)).EnsureOk();

        foreach (var id in new[] { 260, 261 })
        {
            await Fixtures.Vms.DestroyAsync(shared.Admin, NodeName, id, ct);
        }
        (await shared.Admin.DeleteAsync("/access/users/bob@pve", ct)).EnsureOk();
    }

    [Fact]
    public async Task ConfigKeys_EachNeedsItsClassPrivilege_CloneNeedsTargetStorageSpace()
    {
        var ct = TestContext.Current.CancellationToken;
        (await shared.Admin.PostAsync("/access/users", new() { ["userid"] = "bob@pve", ["password"] = Password }, ct)).EnsureOk();
        await shared.Admin.RunTaskAsync(HttpMethod.Post, $"/nodes/{NodeName}/qemu", new() { ["vmid"] = "264", ["memory"] = "64", ["scsi0"] = "local:1" }, ct);
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"cordouan-qperm-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        (await shared.Admin.PostAsync("/storage", new() { ["storage"] = "qperm", ["type"] = "dir", ["path"] = path, ["content"] = "images" }, ct)).EnsureOk();
        await GrantAsync("/vms/264", "PVEVMUser", ct);
        using var bob = shared.Node.Anonymous();
        (await bob.LoginAsync("bob@pve", Password, ct)).EnsureOk();
        var config = Fixtures.Vms.Path(NodeName, 264, "/config");

        // PVEVMUser holds VM.Config.CDROM and .Cloudinit: the call is allowed, each key is not.
        AssertForbidden(await bob.PutAsync(config, new() { ["cores"] = "2" }, ct), "Permission check failed (/vms/264, VM.Config.CPU)");
        AssertForbidden(await bob.PutAsync(config, new() { ["name"] = "renamed" }, ct), "Permission check failed (/vms/264, VM.Config.Options)");
        AssertForbidden(await bob.PutAsync(config, new() { ["delete"] = "memory" }, ct), "Permission check failed (/vms/264, VM.Config.Memory)");
        AssertForbidden(await bob.PutAsync(config, new() { ["delete"] = "scsi0" }, ct), "Permission check failed (/vms/264, VM.Config.Disk)");
        (await bob.PutAsync(config, new() { ["ciuser"] = "bob" }, ct)).EnsureOk();
        await GrantAsync("/vms/264", "PVEVMAdmin", ct);
        (await bob.PutAsync(config, new() { ["cores"] = "2" }, ct)).EnsureOk();
        Assert.Equal(2, (await bob.GetAsync(config, ct)).EnsureOk().Data!["cores"]!.GetValue<int>());

        // Clone: VM.Allocate on the new id, then space on the target storage.
        await GrantAsync("/vms/265", "PVEVMAdmin", ct);
        await GrantAsync("/storage/local", "PVEDatastoreUser", ct);
        var clone = await bob.PostAsync(Fixtures.Vms.Path(NodeName, 264, "/clone"), new() { ["newid"] = "265", ["full"] = "1", ["storage"] = "qperm" }, ct);
        AssertForbidden(clone, "Permission check failed (/storage/qperm, Datastore.AllocateSpace)");
        await GrantAsync("/storage/qperm", "PVEDatastoreUser", ct);
        var upid = (await bob.PostAsync(Fixtures.Vms.Path(NodeName, 264, "/clone"), new() { ["newid"] = "265", ["full"] = "1", ["storage"] = "qperm" }, ct)).EnsureOk().Data!.GetValue<string>();
        // The permission checks passed: the task runs (its own outcome, cloning across dir storages, is another matter).
        await shared.Admin.WaitForTaskAsync(upid, TimeSpan.FromSeconds(60), ct);

        foreach (var id in new[] { 264, 265 })
        {
            if ((await shared.Admin.GetAsync(Fixtures.Vms.Path(NodeName, id, "/config"), ct)).Status == HttpStatusCode.OK)
            {
                await Fixtures.Vms.DestroyAsync(shared.Admin, NodeName, id, ct);
            }
        }
        (await shared.Admin.DeleteAsync("/storage/qperm", ct)).EnsureOk();
        (await shared.Admin.DeleteAsync("/access/users/bob@pve", ct)).EnsureOk();
        Directory.Delete(path, recursive: true);
    }

    private async Task GrantAsync(string path, string role, CancellationToken ct) =>
        (await shared.Admin.PutAsync("/access/acl", new() { ["path"] = path, ["roles"] = role, ["users"] = "bob@pve" }, ct)).EnsureOk();

    private static void AssertForbidden(PveResponse response, string reason)
    {
        Assert.Equal(HttpStatusCode.Forbidden, response.Status);
        Assert.Equal(reason, response.Reason);
    }
}
