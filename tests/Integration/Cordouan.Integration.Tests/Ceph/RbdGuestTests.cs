using System.Text.Json.Nodes;
using Cordouan.Testing;
using Xunit;

namespace Cordouan.Integration.Tests.Ceph;

/// <summary>A VM whose disk is an RBD image: QEMU opens it through librbd; snapshots and rollback proven by the guest's disk counter.</summary>
[Collection("ceph")]
public sealed class RbdGuestTests(CephCluster cluster)
{
    private const int VmId = 450;
    private readonly RbdLab _lab = new(cluster);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GuestOnRbd_ImportBootSnapshotRollbackDestroy_CounterFollowsAndImageIsFreed()
    {
        await _lab.EnsureStorageAsync(Ct);
        await _lab.CreateGuestAsync(VmId, RbdLab.Storage, Ct);
        var config = (await cluster.Admin.GetAsync(Fixtures.Vms.Path("node1", VmId, "/config"), Ct)).EnsureOk().Data!;
        Assert.StartsWith($"{RbdLab.Storage}:vm-{VmId}-disk-0,", config["scsi0"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains($"vm-{VmId}-disk-0", await _lab.ImagesAsync(Ct));

        await _lab.StartAndWaitForHeartbeatAsync(VmId, 3, Ct);
        // QEMU holds the image open through librbd: Ceph lists it as a watcher.
        var watchers = JsonNode.Parse(await _lab.RbdAsync(Ct, "status", "--format", "json", $"{RbdLab.Storage}/vm-{VmId}-disk-0"))!["watchers"]!.AsArray();
        Assert.Single(watchers);
        // A snapshot of the running VM goes through QEMU (an internal snapshot of the rbd node).
        await cluster.Admin.RunTaskAsync(HttpMethod.Post, Fixtures.Vms.Path("node1", VmId, "/snapshot"), new() { ["snapname"] = "live" }, Ct);

        int atSnapshot;
        await using (var console = await SerialConsole.ConnectAsync(cluster.Node.SerialSocket(VmId), TimeSpan.FromSeconds(10), Ct))
        {
            await console.WaitForHeartbeatAsync(5, RbdLab.Boot, Ct);
            await Fixtures.Vms.StopAsync(cluster.Admin, "node1", VmId, Ct);
            atSnapshot = console.LastHeartbeat!.Value;
        }
        await cluster.Admin.RunTaskAsync(HttpMethod.Post, Fixtures.Vms.Path("node1", VmId, "/snapshot"), new() { ["snapname"] = "before" }, Ct);
        var snapshots = await _lab.RbdAsync(Ct, "snap", "ls", "--format", "json", $"{RbdLab.Storage}/vm-{VmId}-disk-0");
        Assert.Contains("\"name\":\"live\"", snapshots, StringComparison.Ordinal);
        Assert.Contains("\"name\":\"before\"", snapshots, StringComparison.Ordinal);

        await Fixtures.Vms.StartAsync(cluster.Admin, "node1", VmId, Ct);
        await using (var console = await SerialConsole.ConnectAsync(cluster.Node.SerialSocket(VmId), TimeSpan.FromSeconds(10), Ct))
        {
            await console.WaitForHeartbeatAsync(atSnapshot + 10, RbdLab.Boot, Ct);
        }
        await cluster.Admin.RunTaskAsync(HttpMethod.Post, Fixtures.Vms.Path("node1", VmId, "/snapshot/before/rollback"), new() { ["start"] = "1" }, Ct);
        await using (var console = await SerialConsole.ConnectAsync(cluster.Node.SerialSocket(VmId), TimeSpan.FromSeconds(10), Ct))
        {
            var up = await console.WaitForLineAsync(l => l.StartsWith("GUEST-UP", StringComparison.Ordinal), RbdLab.Boot, Ct);
            // The guest may have written one more beat between our last read and the stop.
            Assert.InRange(SerialConsole.ParseStartCounter(up), atSnapshot, atSnapshot + 2);
        }

        await Fixtures.Vms.StopAsync(cluster.Admin, "node1", VmId, Ct);
        await cluster.Admin.RunTaskAsync(HttpMethod.Delete, Fixtures.Vms.Path("node1", VmId, "/snapshot/live"), null, Ct);
        Assert.DoesNotContain("\"name\":\"live\"", await _lab.RbdAsync(Ct, "snap", "ls", "--format", "json", $"{RbdLab.Storage}/vm-{VmId}-disk-0"), StringComparison.Ordinal);
        await Fixtures.Vms.DestroyAsync(cluster.Admin, "node1", VmId, Ct);
        Assert.DoesNotContain($"vm-{VmId}-disk-0", await _lab.ImagesAsync(Ct));
    }

    [Fact]
    public async Task Resize_StoppedVm_GrowsTheImageAndRefusesShrinking()
    {
        await _lab.EnsureStorageAsync(Ct);
        await cluster.Admin.RunTaskAsync(HttpMethod.Post, "/nodes/node1/qemu", new() { ["vmid"] = "455", ["memory"] = "64", ["scsi0"] = $"{RbdLab.Storage}:0.01" }, Ct);
        Assert.Equal($"{RbdLab.Storage}:vm-455-disk-0", await _lab.DiskAsync(455, "scsi0", Ct));
        var before = await ImageSizeAsync("vm-455-disk-0");

        await cluster.Admin.RunTaskAsync(HttpMethod.Put, Fixtures.Vms.Path("node1", 455, "/resize"), new() { ["disk"] = "scsi0", ["size"] = "+1M" }, Ct);

        Assert.Equal(before + 1024 * 1024, await ImageSizeAsync("vm-455-disk-0"));
        var shrink = await cluster.Admin.PutAsync(Fixtures.Vms.Path("node1", 455, "/resize"), new() { ["disk"] = "scsi0", ["size"] = "1M" }, Ct);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, shrink.Status);
        await Fixtures.Vms.DestroyAsync(cluster.Admin, "node1", 455, Ct);
        Assert.DoesNotContain("vm-455-disk-0", await _lab.ImagesAsync(Ct));
    }

    private async Task<long> ImageSizeAsync(string image) =>
        JsonNode.Parse(await _lab.RbdAsync(Ct, "info", "--format", "json", $"{RbdLab.Storage}/{image}"))!["size"]!.GetValue<long>();
}
