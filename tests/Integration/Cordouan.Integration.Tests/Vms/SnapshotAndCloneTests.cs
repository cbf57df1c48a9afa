using System.Security.Cryptography;
using Cordouan.Integration.Tests.Fixtures;
using Cordouan.Testing.Daemon;
using Cordouan.Testing;
using Xunit;

namespace Cordouan.Integration.Tests.Vms;

/// <summary>Snapshots and clones proven by the guest's own disk counter.</summary>
[Collection("node")]
public sealed class SnapshotAndCloneTests(SharedNode shared)
{
    private static readonly TimeSpan Boot = TimeSpan.FromSeconds(90);
    private string NodeName => shared.Node.NodeName;

    [Fact]
    public async Task Rollback_AfterGuestWroteMore_GuestRestartsFromSnapshotCounter()
    {
        var ct = TestContext.Current.CancellationToken;
        await Fixtures.Vms.CreateGuestAsync(shared.Admin, NodeName, 210, shared.GuestImage, ct, start: true);
        int atSnapshot;
        await using (var console = await SerialConsole.ConnectAsync(shared.Node.SerialSocket(210), TimeSpan.FromSeconds(10), ct))
        {
            await console.WaitForHeartbeatAsync(5, Boot, ct);
            await Fixtures.Vms.StopAsync(shared.Admin, NodeName, 210, ct);
            atSnapshot = console.LastHeartbeat!.Value;
        }
        await shared.Admin.RunTaskAsync(HttpMethod.Post, Fixtures.Vms.Path(NodeName, 210, "/snapshot"), new() { ["snapname"] = "before", ["description"] = "counter saved" }, ct);

        await Fixtures.Vms.StartAsync(shared.Admin, NodeName, 210, ct);
        await using (var console = await SerialConsole.ConnectAsync(shared.Node.SerialSocket(210), TimeSpan.FromSeconds(10), ct))
        {
            await console.WaitForHeartbeatAsync(atSnapshot + 10, Boot, ct);
        }
        await shared.Admin.RunTaskAsync(HttpMethod.Post, Fixtures.Vms.Path(NodeName, 210, "/snapshot/before/rollback"), new() { ["start"] = "1" }, ct);
        await using (var console = await SerialConsole.ConnectAsync(shared.Node.SerialSocket(210), TimeSpan.FromSeconds(10), ct))
        {
            var up = await console.WaitForLineAsync(l => l.StartsWith("GUEST-UP", StringComparison.Ordinal), Boot, ct);
            var start = SerialConsole.ParseStartCounter(up);
            // The guest may have written one more beat between our last read and the stop.
            Assert.InRange(start, atSnapshot, atSnapshot + 2);
        }
        var snapshots = (await shared.Admin.GetAsync(Fixtures.Vms.Path(NodeName, 210, "/snapshot"), ct)).EnsureOk().Data!.AsArray();
        Assert.Equal(["before", "current"], snapshots.Select(s => s!["name"]!.GetValue<string>()));
        Assert.Equal("before", snapshots[1]!["parent"]!.GetValue<string>());

        await Fixtures.Vms.StopAsync(shared.Admin, NodeName, 210, ct);
        await shared.Admin.RunTaskAsync(HttpMethod.Delete, Fixtures.Vms.Path(NodeName, 210, "/snapshot/before"), null, ct);
        await Fixtures.Vms.DestroyAsync(shared.Admin, NodeName, 210, ct);
    }

    [Fact]
    public async Task LinkedClone_OfTemplate_BootsFromTemplateCounterAndLeavesTemplateUntouched()
    {
        var ct = TestContext.Current.CancellationToken;
        await Fixtures.Vms.CreateGuestAsync(shared.Admin, NodeName, 220, shared.GuestImage, ct, start: true);
        await using (var console = await SerialConsole.ConnectAsync(shared.Node.SerialSocket(220), TimeSpan.FromSeconds(10), ct))
        {
            await console.WaitForHeartbeatAsync(3, Boot, ct);
        }
        await Fixtures.Vms.StopAsync(shared.Admin, NodeName, 220, ct);
        await shared.Admin.RunTaskAsync(HttpMethod.Post, Fixtures.Vms.Path(NodeName, 220, "/template"), null, ct);
        var template = (await shared.Admin.GetAsync(Fixtures.Vms.Path(NodeName, 220, "/config"), ct)).EnsureOk().Data!;
        Assert.Equal(1, template["template"]!.GetValue<int>());
        var baseVolume = template["scsi0"]!.GetValue<string>().Split(',')[0];
        Assert.Contains("base-220-disk-0", baseVolume, StringComparison.Ordinal);
        var basePath = (await shared.Admin.GetAsync($"/nodes/{NodeName}/storage/local/content/{baseVolume}", ct)).EnsureOk().Data!["path"]!.GetValue<string>();
        var before = await HashAsync(basePath, ct);

        await shared.Admin.RunTaskAsync(HttpMethod.Post, Fixtures.Vms.Path(NodeName, 220, "/clone"), new() { ["newid"] = "221", ["name"] = "linked" }, ct);
        var clone = (await shared.Admin.GetAsync(Fixtures.Vms.Path(NodeName, 221, "/config"), ct)).EnsureOk().Data!;
        Assert.StartsWith($"local:220/base-220-disk-0.qcow2/221/vm-221-disk-0.qcow2", clone["scsi0"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(clone["template"]);
        Assert.Null(clone["lock"]);

        await Fixtures.Vms.StartAsync(shared.Admin, NodeName, 221, ct);
        await using (var console = await SerialConsole.ConnectAsync(shared.Node.SerialSocket(221), TimeSpan.FromSeconds(10), ct))
        {
            var up = await console.WaitForLineAsync(l => l.StartsWith("GUEST-UP", StringComparison.Ordinal), Boot, ct);
            Assert.DoesNotContain("start=0 ", up, StringComparison.Ordinal);
            await console.WaitForHeartbeatAsync(5, Boot, ct);
        }
        await Fixtures.Vms.StopAsync(shared.Admin, NodeName, 221, ct);
        Assert.Equal(before, await HashAsync(basePath, ct));

        var startTemplate = await shared.Admin.PostAsync(Fixtures.Vms.Path(NodeName, 220, "/status/start"), null, ct);
        Assert.Equal(System.Net.HttpStatusCode.InternalServerError, startTemplate.Status);
        await Fixtures.Vms.DestroyAsync(shared.Admin, NodeName, 221, ct);
        await Fixtures.Vms.DestroyAsync(shared.Admin, NodeName, 220, ct);
    }

    [Fact]
    public async Task FullClone_OfStoppedVm_IsIndependent()
    {
        var ct = TestContext.Current.CancellationToken;
        await shared.Admin.RunTaskAsync(HttpMethod.Post, $"/nodes/{NodeName}/qemu", new() { ["vmid"] = "230", ["memory"] = "64", ["scsi0"] = "local:0.01", ["net0"] = "virtio" }, ct);
        await shared.Admin.RunTaskAsync(HttpMethod.Post, Fixtures.Vms.Path(NodeName, 230, "/clone"), new() { ["newid"] = "231", ["full"] = "1" }, ct);
        var source = (await shared.Admin.GetAsync(Fixtures.Vms.Path(NodeName, 230, "/config"), ct)).EnsureOk().Data!;
        var clone = (await shared.Admin.GetAsync(Fixtures.Vms.Path(NodeName, 231, "/config"), ct)).EnsureOk().Data!;
        Assert.StartsWith("local:231/vm-231-disk-0.qcow2", clone["scsi0"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotEqual(source["net0"]!.GetValue<string>(), clone["net0"]!.GetValue<string>());
        await Fixtures.Vms.DestroyAsync(shared.Admin, NodeName, 230, ct);
        (await shared.Admin.GetAsync(Fixtures.Vms.Path(NodeName, 231, "/config"), ct)).EnsureOk();
        await Fixtures.Vms.DestroyAsync(shared.Admin, NodeName, 231, ct);
    }

    private static async Task<string> HashAsync(string path, CancellationToken ct)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexString(await SHA256.HashDataAsync(stream, ct));
    }
}
