using System.Net;
using Cordouan.Integration.Tests.Fixtures;
using Xunit;

namespace Cordouan.Integration.Tests.Storage;

/// <summary>Storage definitions and content through the API, including what must be refused to keep VMs intact.</summary>
[Collection("node")]
public sealed class StorageTests(SharedNode shared)
{
    private string NodeName => shared.Node.NodeName;

    [Fact]
    public async Task DirStorage_AddListUseAndRemove_RefusedWhileInUse()
    {
        var ct = TestContext.Current.CancellationToken;
        var path = shared.Node.Data.Combine("extra-storage");
        (await shared.Admin.PostAsync("/storage", new() { ["storage"] = "extra", ["type"] = "dir", ["path"] = path, ["content"] = "images,iso" }, ct)).EnsureOk();
        var duplicate = await shared.Admin.PostAsync("/storage", new() { ["storage"] = "extra", ["type"] = "dir", ["path"] = path }, ct);
        Assert.Equal(HttpStatusCode.InternalServerError, duplicate.Status);
        var bad = await shared.Admin.PostAsync("/storage", new() { ["storage"] = "bad", ["type"] = "dir", ["path"] = "relative/path", ["content"] = "movies" }, ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.NotNull(bad.Error("path"));
        Assert.NotNull(bad.Error("content"));

        var listed = (await shared.Admin.GetAsync($"/nodes/{NodeName}/storage", ct, new() { ["content"] = "images" })).EnsureOk().Data!.AsArray();
        var extra = listed.Single(s => s!["storage"]!.GetValue<string>() == "extra")!;
        Assert.Equal(1, extra["active"]!.GetValue<int>());
        Assert.True(extra["total"]!.GetValue<long>() > 0);

        await shared.Admin.RunTaskAsync(HttpMethod.Post, $"/nodes/{NodeName}/qemu", new() { ["vmid"] = "260", ["memory"] = "64", ["virtio0"] = "extra:0.01" }, ct);
        var inUse = await shared.Admin.DeleteAsync("/storage/extra", ct);
        Assert.Equal(HttpStatusCode.InternalServerError, inUse.Status);
        Assert.Equal("storage 'extra' is still used by VM(s) 260", inUse.Reason);
        var attached = await shared.Admin.DeleteAsync($"/nodes/{NodeName}/storage/extra/content/extra:260/vm-260-disk-0.qcow2", ct);
        Assert.Equal(HttpStatusCode.InternalServerError, attached.Status);

        (await shared.Admin.PutAsync(Fixtures.Vms.Path(NodeName, 260, "/config"), new() { ["delete"] = "virtio0" }, ct)).EnsureOk();
        var config = (await shared.Admin.GetAsync(Fixtures.Vms.Path(NodeName, 260, "/config"), ct)).EnsureOk().Data!;
        Assert.Equal("extra:260/vm-260-disk-0.qcow2", config["unused0"]!.GetValue<string>());
        (await shared.Admin.PutAsync(Fixtures.Vms.Path(NodeName, 260, "/config"), new() { ["delete"] = "unused0" }, ct)).EnsureOk();
        await shared.Admin.RunTaskAsync(HttpMethod.Delete, $"/nodes/{NodeName}/storage/extra/content/extra%3A260%2Fvm-260-disk-0.qcow2", null, ct);
        Assert.Empty((await shared.Admin.GetAsync($"/nodes/{NodeName}/storage/extra/content", ct)).EnsureOk().Data!.AsArray());

        await Fixtures.Vms.DestroyAsync(shared.Admin, NodeName, 260, ct);
        (await shared.Admin.DeleteAsync("/storage/extra", ct)).EnsureOk();
        Assert.Equal(HttpStatusCode.InternalServerError, (await shared.Admin.GetAsync("/storage/extra", ct)).Status);
    }
}
