using System.Net;
using System.Text.RegularExpressions;
using Xunit;

namespace Cordouan.Integration.Tests.Ceph;

/// <summary>rbd storage definitions through the API against the real micro cluster: add_storages, POST /storage, refusals.</summary>
[Collection("ceph")]
public sealed partial class RbdStorageTests(CephCluster cluster)
{
    private readonly RbdLab _lab = new(cluster);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PoolCreate_AddStorages_AddsSharedRbdStorageNamedAfterThePool()
    {
        await _lab.EnsureStorageAsync(Ct);

        var storage = (await cluster.Admin.GetAsync($"/storage/{RbdLab.Storage}", Ct)).EnsureOk().Data!;
        Assert.Equal(("rbd", RbdLab.Storage, "images", 1), (storage["type"]!.GetValue<string>(), storage["pool"]!.GetValue<string>(),
            storage["content"]!.GetValue<string>(), storage["shared"]!.GetValue<int>()));
        Assert.Null(storage["path"]);
        var status = (await cluster.Admin.GetAsync($"/nodes/node1/storage/{RbdLab.Storage}/status", Ct)).EnsureOk().Data!;
        Assert.Equal((1, 1, "rbd"), (status["active"]!.GetValue<int>(), status["shared"]!.GetValue<int>(), status["type"]!.GetValue<string>()));
        Assert.True(status["total"]!.GetValue<long>() > 0, status.ToJsonString());
        var listed = (await cluster.Admin.GetAsync("/nodes/node1/storage", Ct, new() { ["content"] = "images" })).EnsureOk().Data!.AsArray();
        Assert.Contains(listed, s => s!["storage"]!.GetValue<string>() == RbdLab.Storage && s["active"]!.GetValue<int>() == 1);
    }

    [Fact]
    public async Task StorageCreate_ExternalClusterWithMonhostAndKeyring_SeesTheSameImagesAndHidesTheKeyring()
    {
        await _lab.EnsureStorageAsync(Ct);
        var keyring = await File.ReadAllTextAsync(cluster.Node.Data.Combine("ceph", "ceph.client.admin.keyring"), Ct);
        var monHost = V1Address().Match(await File.ReadAllTextAsync(cluster.Conf, Ct)).Groups[1].Value;
        await _lab.CreateGuestAsync(470, RbdLab.Storage, Ct);
        try
        {
            (await cluster.Admin.PostAsync("/storage", new()
            {
                ["storage"] = "external",
                ["type"] = "rbd",
                ["pool"] = RbdLab.Storage,
                ["monhost"] = monHost,
                ["keyring"] = keyring,
            }, Ct)).EnsureOk();

            var definition = (await cluster.Admin.GetAsync("/storage/external", Ct)).EnsureOk().Data!;
            Assert.Equal(monHost, definition["monhost"]!.GetValue<string>());
            Assert.DoesNotContain("key", definition.ToJsonString(), StringComparison.Ordinal);
            var content = (await cluster.Admin.GetAsync("/nodes/node1/storage/external/content", Ct, new() { ["vmid"] = "470" })).EnsureOk().Data!.AsArray();
            var disk = Assert.Single(content)!;
            Assert.Equal(("external:vm-470-disk-0", "raw", 470), (disk["volid"]!.GetValue<string>(), disk["format"]!.GetValue<string>(), disk["vmid"]!.GetValue<int>()));
            var path = (await cluster.Admin.GetAsync("/nodes/node1/storage/external/content/external:vm-470-disk-0", Ct)).EnsureOk().Data!["path"]!.GetValue<string>();
            Assert.StartsWith($"rbd:{RbdLab.Storage}/vm-470-disk-0:conf=", path, StringComparison.Ordinal);
            var conf = path.Split(":conf=")[1].Split(':')[0];
            Assert.Contains(monHost, await File.ReadAllTextAsync(conf, Ct), StringComparison.Ordinal);
        }
        finally
        {
            await cluster.Admin.DeleteAsync("/storage/external", Ct);
            await Fixtures.Vms.DestroyAsync(cluster.Admin, "node1", 470, Ct);
        }
        Assert.DoesNotContain("vm-470-disk-0", await _lab.ImagesAsync(Ct));
    }

    [Fact]
    public async Task BadInput_UnknownPoolAndUnsupportedOptions_Clear400AndNothingAdded()
    {
        var admin = cluster.Admin;
        var unknownPool = await admin.PostAsync("/storage", new() { ["storage"] = "nopool", ["type"] = "rbd", ["pool"] = "nosuchpool" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, unknownPool.Status);
        Assert.Equal("pool 'nosuchpool' does not exist on the Ceph cluster", unknownPool.Error("pool"));

        var options = await admin.PostAsync("/storage", new()
        {
            ["storage"] = "badrbd",
            ["type"] = "rbd",
            ["pool"] = "vms",
            ["krbd"] = "1",
            ["keyring"] = "[client.admin]\n\tkey = x\n",
            ["namespace"] = "ns",
        }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, options.Status);
        Assert.Contains("not supported yet", options.Error("krbd"), StringComparison.Ordinal);
        Assert.Contains("only used with monhost", options.Error("keyring"), StringComparison.Ordinal);
        Assert.Equal("not supported yet", options.Error("namespace"));

        var noKeyring = await admin.PostAsync("/storage", new() { ["storage"] = "ext2", ["type"] = "rbd", ["monhost"] = "10.0.0.1" }, Ct);
        Assert.Contains("needs the client's keyring", noKeyring.Error("keyring"), StringComparison.Ordinal);

        var notAnId = await admin.PostAsync("/nodes/node1/ceph/pool", new() { ["name"] = "9pool", ["add_storages"] = "1" }, Ct);
        Assert.Contains("not a valid storage ID", notAnId.Error("add_storages"), StringComparison.Ordinal);
        var taken = await admin.PostAsync("/nodes/node1/ceph/pool", new() { ["name"] = "local", ["add_storages"] = "1" }, Ct);
        Assert.Contains("storage ID 'local' already defined", taken.Error("add_storages"), StringComparison.Ordinal);

        var storages = (await admin.GetAsync("/storage", Ct)).EnsureOk().Data!.AsArray().Select(s => s!["storage"]!.GetValue<string>()).ToList();
        Assert.DoesNotContain("nopool", storages);
        Assert.DoesNotContain("badrbd", storages);
        var pools = (await admin.GetAsync("/nodes/node1/ceph/pool", Ct)).EnsureOk().Data!.AsArray().Select(p => p!["pool_name"]!.GetValue<string>()).ToList();
        Assert.DoesNotContain("9pool", pools);
        Assert.DoesNotContain("local", pools);
    }

    [Fact]
    public async Task PoolDestroy_StorageHoldsDisks_RefusedWithTheirListThenRemoveStoragesTakesTheStorage()
    {
        var admin = cluster.Admin;
        await admin.RunTaskAsync(HttpMethod.Post, "/nodes/node1/ceph/pool", new() { ["name"] = "scratch", ["pg_num"] = "8", ["add_storages"] = "1" }, Ct);
        await admin.RunTaskAsync(HttpMethod.Post, "/nodes/node1/qemu", new() { ["vmid"] = "475", ["memory"] = "64", ["scsi0"] = "scratch:0.01" }, Ct);

        var holding = await admin.DeleteAsync("/nodes/node1/ceph/pool/scratch", Ct);
        Assert.Equal(HttpStatusCode.InternalServerError, holding.Status);
        Assert.Contains("still holds VM disks: scratch:vm-475-disk-0", holding.Message, StringComparison.Ordinal);
        var used = await admin.DeleteAsync("/nodes/node1/ceph/pool/scratch", Ct, new() { ["force"] = "1", ["remove_storages"] = "1" });
        Assert.Contains("still used by VM(s) 475", used.Message, StringComparison.Ordinal);

        await Fixtures.Vms.DestroyAsync(admin, "node1", 475, Ct);
        await admin.RunTaskAsync(HttpMethod.Delete, "/nodes/node1/ceph/pool/scratch", new() { ["remove_storages"] = "1" }, Ct);

        Assert.Equal(HttpStatusCode.InternalServerError, (await admin.GetAsync("/storage/scratch", Ct)).Status);
        var pools = (await admin.GetAsync("/nodes/node1/ceph/pool", Ct)).EnsureOk().Data!.AsArray().Select(p => p!["pool_name"]!.GetValue<string>());
        Assert.DoesNotContain("scratch", pools);
    }

    [GeneratedRegex(@"mon_host = \[v2:[^,]+,v1:([0-9.:]+)\]")]
    private static partial Regex V1Address();
}
