using System.Net;
using Cordouan.Integration.Tests.Fixtures;
using Cordouan.Testing.Daemon;
using Cordouan.Testing;
using Xunit;

namespace Cordouan.Integration.Tests.Vms;

/// <summary>Create → start → the guest's own heartbeat → shutdown, and the errors operators hit on the way.</summary>
[Collection("node")]
public sealed class VmLifecycleTests(SharedNode shared)
{
    private static readonly TimeSpan Boot = TimeSpan.FromSeconds(90);
    private string NodeName => shared.Node.NodeName;

    [Fact]
    public async Task Start_GuestBoots_HeartbeatSeenAndShutdownCompletes()
    {
        var ct = TestContext.Current.CancellationToken;
        await Fixtures.Vms.CreateGuestAsync(shared.Admin, NodeName, 200, shared.GuestImage, ct);
        Assert.Equal("stopped", await Fixtures.Vms.StatusAsync(shared.Admin, NodeName, 200, ct));

        await Fixtures.Vms.StartAsync(shared.Admin, NodeName, 200, ct);
        await using (var console = await SerialConsole.ConnectAsync(shared.Node.SerialSocket(200), TimeSpan.FromSeconds(10), ct))
        {
            var up = await console.WaitForLineAsync(l => l.StartsWith("GUEST-UP", StringComparison.Ordinal), Boot, ct);
            Assert.StartsWith("GUEST-UP disk=sda ", up, StringComparison.Ordinal);
            var first = await console.WaitForHeartbeatAsync(0, Boot, ct);
            await console.WaitForHeartbeatAsync(first + 3, TimeSpan.FromSeconds(30), ct);
        }
        var status = (await shared.Admin.GetAsync(Fixtures.Vms.Path(NodeName, 200, "/status/current"), ct)).EnsureOk().Data!;
        Assert.Equal("running", status["status"]!.GetValue<string>());
        Assert.True(status["pid"]!.GetValue<int>() > 0);

        await using (var console = await SerialConsole.ConnectAsync(shared.Node.SerialSocket(200), TimeSpan.FromSeconds(10), ct))
        {
            await shared.Admin.RunTaskAsync(HttpMethod.Post, Fixtures.Vms.Path(NodeName, 200, "/status/suspend"), null, ct);
            var paused = (await shared.Admin.GetAsync(Fixtures.Vms.Path(NodeName, 200, "/status/current"), ct)).EnsureOk().Data!;
            Assert.Equal("paused", paused["qmpstatus"]!.GetValue<string>());
            var lines = console.LineCount;
            await shared.Admin.RunTaskAsync(HttpMethod.Post, Fixtures.Vms.Path(NodeName, 200, "/status/resume"), null, ct);
            var resumedAt = await console.WaitForHeartbeatAsync(console.LastHeartbeat ?? 0, TimeSpan.FromSeconds(30), ct);
            Assert.True(resumedAt > 0);

            // Reset reboots the guest at once: it reports GUEST-UP again, continuing its disk counter.
            var before = console.LastHeartbeat!.Value;
            var mark = console.LineCount;
            await shared.Admin.RunTaskAsync(HttpMethod.Post, Fixtures.Vms.Path(NodeName, 200, "/status/reset"), null, ct);
            var up = await console.WaitForLineAsync("GUEST-UP after the reset", l => l.StartsWith("GUEST-UP", StringComparison.Ordinal), mark, Boot, ct);
            var start = SerialConsole.ParseStartCounter(up);
            Assert.InRange(start, before - 1, before + 5);
            Assert.True(console.LineCount > lines);

            // Online resize goes through QEMU (last: the guest keeps its counter in the disk's last MiB, which moves).
            await shared.Admin.RunTaskAsync(HttpMethod.Put, Fixtures.Vms.Path(NodeName, 200, "/resize"), new() { ["disk"] = "scsi0", ["size"] = "+64M" }, ct);
            var resized = (await shared.Admin.GetAsync(Fixtures.Vms.Path(NodeName, 200, "/config"), ct)).EnsureOk().Data!;
            Assert.Contains("size=128M", resized["scsi0"]!.GetValue<string>(), StringComparison.Ordinal);
            var shrink = await shared.Admin.PutAsync(Fixtures.Vms.Path(NodeName, 200, "/resize"), new() { ["disk"] = "scsi0", ["size"] = "32M" }, ct);
            Assert.Equal(HttpStatusCode.BadRequest, shrink.Status);
            Assert.Contains("shrinking disks is not supported", shrink.Error("size"), StringComparison.Ordinal);
        }

        await shared.Admin.RunTaskAsync(HttpMethod.Post, Fixtures.Vms.Path(NodeName, 200, "/status/shutdown"), new() { ["timeout"] = "20", ["forceStop"] = "1" }, ct);
        Assert.Equal("stopped", await Fixtures.Vms.StatusAsync(shared.Admin, NodeName, 200, ct));
        await Fixtures.Vms.DestroyAsync(shared.Admin, NodeName, 200, ct);
        var gone = await shared.Admin.GetAsync(Fixtures.Vms.Path(NodeName, 200, "/config"), ct);
        Assert.Equal(HttpStatusCode.InternalServerError, gone.Status);
        Assert.Equal($"Configuration file 'nodes/{NodeName}/qemu-server/200.conf' does not exist", gone.Reason);
    }

    [Fact]
    public async Task Create_MemoryTooSmallAndBadKey_Returns400NamingEachField()
    {
        var ct = TestContext.Current.CancellationToken;
        var response = await shared.Admin.PostAsync($"/nodes/{NodeName}/qemu", new() { ["vmid"] = "201", ["memory"] = "8", ["bogus"] = "1", ["cores"] = "abc" }, ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("Parameter verification failed.", response.Reason);
        Assert.Equal("property is not defined in schema and the schema does not allow additional properties", response.Error("bogus"));
        Assert.Equal("type check ('integer') failed - got 'abc'", response.Error("cores"));
        // memory is a property string ([current=]<integer>): the generic schema check leaves it to the handler, which runs
        // only once the flat parameters are valid.
        var memory = await shared.Admin.PostAsync($"/nodes/{NodeName}/qemu", new() { ["vmid"] = "201", ["memory"] = "8" }, ct);
        Assert.Equal(HttpStatusCode.BadRequest, memory.Status);
        Assert.Contains("minimum value of 16", memory.Error("memory"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.InternalServerError, (await shared.Admin.GetAsync(Fixtures.Vms.Path(NodeName, 201, "/config"), ct)).Status);
    }

    [Fact]
    public async Task Create_ImportFromMissingVolume_Returns400OnTheDiskBeforeAnyTask()
    {
        var ct = TestContext.Current.CancellationToken;
        // A host path is root@pam's only (admin@pve gets 403): an import volume that is not there must fail as early.
        var response = await shared.Admin.PostAsync($"/nodes/{NodeName}/qemu", new() { ["vmid"] = "208", ["scsi0"] = "local:0,import-from=local:import/missing.qcow2" }, ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("import-from: 'local:import/missing.qcow2' does not exist", response.Error("scsi0"));
        Assert.Equal(HttpStatusCode.InternalServerError, (await shared.Admin.GetAsync(Fixtures.Vms.Path(NodeName, 208, "/config"), ct)).Status);
    }

    [Fact]
    public async Task Create_DuplicateVmid_FailsWithAlreadyExists()
    {
        var ct = TestContext.Current.CancellationToken;
        await shared.Admin.RunTaskAsync(HttpMethod.Post, $"/nodes/{NodeName}/qemu", new() { ["vmid"] = "202", ["memory"] = "64" }, ct);
        var again = await shared.Admin.PostAsync($"/nodes/{NodeName}/qemu", new() { ["vmid"] = "202", ["memory"] = "64" }, ct);
        Assert.Equal(HttpStatusCode.InternalServerError, again.Status);
        Assert.Contains("already exists", again.Message, StringComparison.Ordinal);
        await Fixtures.Vms.DestroyAsync(shared.Admin, NodeName, 202, ct);
    }

    [Fact]
    public async Task Create_SecondDiskOnUnknownStorage_RefusedBeforeAnyTaskAndLeavesNoVmNorDisk()
    {
        var ct = TestContext.Current.CancellationToken;
        // Proxmox's own answer when a storage is unknown: 500 with its text, before any task starts.
        var response = await shared.Admin.PostAsync($"/nodes/{NodeName}/qemu", new() { ["vmid"] = "203", ["scsi0"] = "local:0.01", ["scsi1"] = "nosuch:4" }, ct);
        Assert.Equal(HttpStatusCode.InternalServerError, response.Status);
        Assert.Equal("storage 'nosuch' does not exist", response.Reason);
        Assert.Equal(HttpStatusCode.InternalServerError, (await shared.Admin.GetAsync(Fixtures.Vms.Path(NodeName, 203, "/config"), ct)).Status);
        var content = (await shared.Admin.GetAsync($"/nodes/{NodeName}/storage/local/content", ct, new() { ["vmid"] = "203" })).EnsureOk().Data!.AsArray();
        Assert.Empty(content);
    }

    [Fact]
    public async Task Start_MissingImage_TaskFailsWithQemuReason()
    {
        var ct = TestContext.Current.CancellationToken;
        await shared.Admin.RunTaskAsync(HttpMethod.Post, $"/nodes/{NodeName}/qemu", new() { ["vmid"] = "206", ["memory"] = "64", ["scsi0"] = "local:0.01" }, ct);
        var path = (await shared.Admin.GetAsync($"/nodes/{NodeName}/storage/local/content/local:206/vm-206-disk-0.qcow2", ct)).EnsureOk().Data!["path"]!.GetValue<string>();
        File.Delete(path);
        var upid = (await shared.Admin.PostAsync(Fixtures.Vms.Path(NodeName, 206, "/status/start"), null, ct)).EnsureOk().Data!.GetValue<string>();
        var exit = await shared.Admin.WaitForTaskAsync(upid, TimeSpan.FromSeconds(60), ct);
        Assert.StartsWith("Failed to start VM 206", exit, StringComparison.Ordinal);
        Assert.Contains("vm-206-disk-0.qcow2", exit, StringComparison.Ordinal);
        Assert.Equal("stopped", await Fixtures.Vms.StatusAsync(shared.Admin, NodeName, 206, ct));
        await Fixtures.Vms.DestroyAsync(shared.Admin, NodeName, 206, ct);
    }

    [Fact]
    public async Task Start_IsoOnCdrom_QemuOpensTheImageAndTheVmRuns()
    {
        // An installer ISO on the CD-ROM: QEMU has no "iso" block driver, the image must be opened as raw.
        var ct = TestContext.Current.CancellationToken;
        var isoDirectory = shared.Node.Data.Combine("storage", "local", "template", "iso");
        Directory.CreateDirectory(isoDirectory);
        await File.WriteAllBytesAsync(Path.Combine(isoDirectory, "installer-215.iso"), new byte[2 * 1024 * 1024], ct);
        await shared.Admin.RunTaskAsync(HttpMethod.Post, $"/nodes/{NodeName}/qemu", new()
        {
            ["vmid"] = "215",
            ["memory"] = "64",
            ["ide2"] = "local:iso/installer-215.iso,media=cdrom",
            ["boot"] = "order=ide2",
        }, ct);
        try
        {
            await Fixtures.Vms.StartAsync(shared.Admin, NodeName, 215, ct);
            Assert.Equal("running", await Fixtures.Vms.StatusAsync(shared.Admin, NodeName, 215, ct));
            await Fixtures.Vms.StopAsync(shared.Admin, NodeName, 215, ct);
        }
        finally
        {
            await Fixtures.Vms.DestroyAsync(shared.Admin, NodeName, 215, ct);
        }
    }

    [Fact]
    public async Task Start_ConfigLocked_RefusedWithLockName()
    {
        var ct = TestContext.Current.CancellationToken;
        await shared.Admin.RunTaskAsync(HttpMethod.Post, $"/nodes/{NodeName}/qemu", new() { ["vmid"] = "207", ["memory"] = "64" }, ct);
        // lock is root@pam's to set, as in Proxmox.
        using var root = await shared.Admin.AsRootAsync(ct);
        (await root.PutAsync(Fixtures.Vms.Path(NodeName, 207, "/config"), new() { ["lock"] = "backup" }, ct)).EnsureOk();
        var start = await shared.Admin.PostAsync(Fixtures.Vms.Path(NodeName, 207, "/status/start"), null, ct);
        Assert.Equal(HttpStatusCode.InternalServerError, start.Status);
        Assert.Equal("VM is locked (backup)", start.Reason);
        var resources = (await shared.Admin.GetAsync("/cluster/resources", ct, new() { ["type"] = "vm" })).EnsureOk().Data!.AsArray();
        Assert.Equal("backup", resources.Single(r => r!["vmid"]!.GetValue<int>() == 207)!["lock"]!.GetValue<string>());
        (await root.PutAsync(Fixtures.Vms.Path(NodeName, 207, "/config"), new() { ["delete"] = "lock" }, ct)).EnsureOk();
        await Fixtures.Vms.DestroyAsync(shared.Admin, NodeName, 207, ct);
    }

    [Fact]
    public async Task UpdateConfig_StaleDigest_RefusedWithProxmoxText()
    {
        var ct = TestContext.Current.CancellationToken;
        await shared.Admin.RunTaskAsync(HttpMethod.Post, $"/nodes/{NodeName}/qemu", new() { ["vmid"] = "204", ["memory"] = "64", ["scsi0"] = "local:0.01" }, ct);
        var config = (await shared.Admin.GetAsync(Fixtures.Vms.Path(NodeName, 204, "/config"), ct)).EnsureOk().Data!;
        var digest = config["digest"]!.GetValue<string>();
        Assert.Matches("^local:204/vm-204-disk-0.qcow2,size=", config["scsi0"]!.GetValue<string>());
        Assert.Equal(64, int.Parse(config["memory"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
        (await shared.Admin.PutAsync(Fixtures.Vms.Path(NodeName, 204, "/config"), new() { ["name"] = "renamed", ["digest"] = digest }, ct)).EnsureOk();
        var stale = await shared.Admin.PutAsync(Fixtures.Vms.Path(NodeName, 204, "/config"), new() { ["name"] = "again", ["digest"] = digest }, ct);
        Assert.Equal(HttpStatusCode.InternalServerError, stale.Status);
        Assert.Equal("detected modified configuration - file changed by other user? Try again.", stale.Reason);
        var after = (await shared.Admin.GetAsync(Fixtures.Vms.Path(NodeName, 204, "/config"), ct)).EnsureOk().Data!;
        Assert.Equal("renamed", after["name"]!.GetValue<string>());
        await Fixtures.Vms.DestroyAsync(shared.Admin, NodeName, 204, ct);
        var content = (await shared.Admin.GetAsync($"/nodes/{NodeName}/storage/local/content", ct, new() { ["vmid"] = "204" })).EnsureOk().Data!.AsArray();
        Assert.Empty(content);
    }

    [Fact]
    public async Task ResetAndSuspend_StoppedVm_RefusedBeforeAnyTask()
    {
        var ct = TestContext.Current.CancellationToken;
        await shared.Admin.RunTaskAsync(HttpMethod.Post, $"/nodes/{NodeName}/qemu", new() { ["vmid"] = "205", ["memory"] = "64" }, ct);
        var reset = await shared.Admin.PostAsync(Fixtures.Vms.Path(NodeName, 205, "/status/reset"), null, ct);
        Assert.Equal(HttpStatusCode.InternalServerError, reset.Status);
        Assert.Equal("VM 205 not running", reset.Reason);
        await Fixtures.Vms.DestroyAsync(shared.Admin, NodeName, 205, ct);
    }

    [Fact]
    public async Task Create_TwentyInParallelWithNextId_AllGetDistinctIds()
    {
        var ct = TestContext.Current.CancellationToken;
        var ids = await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
        {
            var id = (await shared.Admin.GetAsync("/cluster/nextid", ct)).EnsureOk().Data!.GetValue<string>();
            await shared.Admin.RunTaskAsync(HttpMethod.Post, $"/nodes/{NodeName}/qemu", new() { ["vmid"] = id, ["memory"] = "64", ["scsi0"] = "local:0.01" }, ct);
            return int.Parse(id, System.Globalization.CultureInfo.InvariantCulture);
        }));
        Assert.Equal(20, ids.Distinct().Count());
        var resources = (await shared.Admin.GetAsync("/cluster/resources", ct, new() { ["type"] = "vm" })).EnsureOk().Data!.AsArray();
        foreach (var id in ids)
        {
            Assert.Contains(resources, r => r!["vmid"]!.GetValue<int>() == id && r["node"]!.GetValue<string>() == NodeName);
        }
        await Task.WhenAll(ids.Select(id => Fixtures.Vms.DestroyAsync(shared.Admin, NodeName, id, ct)));
    }
}
