using System.Text.Json.Nodes;
using Cordouan.Integration.Tests.Fixtures;
using Cordouan.Testing;
using Xunit;

namespace Cordouan.Integration.Tests.Ceph;

/// <summary><c>move_disk</c> between dir and rbd: online under a writing guest (mirror, then switch), offline with a copy.</summary>
[Collection("ceph")]
public sealed class MoveDiskTests(CephCluster cluster)
{
    private const int VmId = 475;
    private readonly RbdLab _lab = new(cluster);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task MoveDisk_DirToRbdOnlineThenRbdToDirOffline_GuestCounterGoesOnThroughBoth()
    {
        await _lab.EnsureStorageAsync(Ct);
        await _lab.CreateGuestAsync(VmId, "local", Ct);
        var dirVolume = await _lab.DiskAsync(VmId, "scsi0", Ct);
        Assert.StartsWith($"local:{VmId}/vm-{VmId}-disk-", dirVolume, StringComparison.Ordinal);
        await Fixtures.Vms.StartAsync(cluster.Admin, "node1", VmId, Ct);

        int beforeOnline;
        int lastBeat;
        await using (var console = await SerialConsole.ConnectAsync(cluster.Node.SerialSocket(VmId), TimeSpan.FromSeconds(10), Ct))
        {
            beforeOnline = await console.WaitForHeartbeatAsync(3, RbdLab.Boot, Ct);
            var upid = (await cluster.Admin.PostAsync(Fixtures.Vms.Path("node1", VmId, "/move_disk"), new()
            {
                ["disk"] = "scsi0",
                ["storage"] = RbdLab.Storage,
                ["delete"] = "1",
            }, Ct)).EnsureOk().Data!.GetValue<string>();
            Assert.Contains(":qmmove:475:", upid, StringComparison.Ordinal);
            var exit = await _lab.WaitForTaskAsync(upid, Ct);
            var log = (await cluster.Admin.GetAsync($"/nodes/node1/tasks/{Uri.EscapeDataString(upid)}/log", Ct)).EnsureOk().Data!.ToJsonString();
            Assert.True(exit == "OK", $"{exit}: {log}");
            Assert.Contains("online", log, StringComparison.Ordinal);
            Assert.Contains("drive-scsi0: Completed successfully.", log, StringComparison.Ordinal);

            Assert.Equal($"{RbdLab.Storage}:vm-{VmId}-disk-0", await _lab.DiskAsync(VmId, "scsi0", Ct));
            Assert.Equal("running", await Fixtures.Vms.StatusAsync(cluster.Admin, "node1", VmId, Ct));
            // QEMU now holds the RBD image open, and the old qcow2 file is gone (delete=1).
            var watchers = JsonNode.Parse(await _lab.RbdAsync(Ct, "status", "--format", "json", $"{RbdLab.Storage}/vm-{VmId}-disk-0"))!["watchers"]!.AsArray();
            Assert.Single(watchers);
            Assert.False(Directory.EnumerateFiles(cluster.Node.Data.Path, dirVolume.Split('/')[^1], SearchOption.AllDirectories).Any(), $"{dirVolume} still exists");
            var config = (await cluster.Admin.GetAsync(Fixtures.Vms.Path("node1", VmId, "/config"), Ct)).EnsureOk().Data!.AsObject();
            Assert.DoesNotContain(config, c => c.Key.StartsWith("unused", StringComparison.Ordinal));

            // The guest kept writing through the switch and goes on writing to the RBD image.
            var afterMove = console.LastHeartbeat!.Value;
            Assert.True(afterMove > beforeOnline, $"no heartbeat during the move ({beforeOnline} → {afterMove})");
            lastBeat = await console.WaitForHeartbeatAsync(afterMove + 5, TimeSpan.FromSeconds(60), Ct);
            Assert.DoesNotContain(console.Lines, l => l.Contains("I/O error", StringComparison.OrdinalIgnoreCase));
            await Fixtures.Vms.StopAsync(cluster.Admin, "node1", VmId, Ct);
            lastBeat = console.LastHeartbeat!.Value;
        }

        // Offline back to dir through the CLI: the raw image stays raw, the RBD image is kept as unused0.
        var cord = await cluster.LoginCordAsync(Ct);
        var move = await Cord.RunAsync(cord, TimeSpan.FromMinutes(2), Ct, "vm", "move-disk", "475", "scsi0", "local");
        Assert.True(move.Exit == 0, move.Output);
        var moved = await _lab.DiskAsync(VmId, "scsi0", Ct);
        Assert.Matches($"^local:{VmId}/vm-{VmId}-disk-\\d+\\.raw$", moved);
        var after = (await cluster.Admin.GetAsync(Fixtures.Vms.Path("node1", VmId, "/config"), Ct)).EnsureOk().Data!;
        Assert.Equal($"{RbdLab.Storage}:vm-{VmId}-disk-0", after["unused0"]!.GetValue<string>());
        Assert.Contains($"vm-{VmId}-disk-0", await _lab.ImagesAsync(Ct));

        var up = await _lab.StartAndWaitForHeartbeatAsync(VmId, lastBeat + 2, Ct);
        // The counter survived both moves: the guest boots from the copy with the last value it wrote.
        Assert.InRange(SerialConsole.ParseStartCounter(up), lastBeat, lastBeat + 2);

        var same = await cluster.Admin.PostAsync(Fixtures.Vms.Path("node1", VmId, "/move_disk"), new() { ["disk"] = "scsi0", ["storage"] = "local" }, Ct);
        Assert.Contains("same storage", same.Error("storage"), StringComparison.Ordinal);
        var missing = await cluster.Admin.PostAsync(Fixtures.Vms.Path("node1", VmId, "/move_disk"), new() { ["disk"] = "scsi7", ["storage"] = RbdLab.Storage }, Ct);
        Assert.Contains("does not exist", missing.Error("disk"), StringComparison.Ordinal);

        await Fixtures.Vms.StopAsync(cluster.Admin, "node1", VmId, Ct);
        await Fixtures.Vms.DestroyAsync(cluster.Admin, "node1", VmId, Ct);
        Assert.DoesNotContain($"vm-{VmId}-disk-0", await _lab.ImagesAsync(Ct));
    }
}
