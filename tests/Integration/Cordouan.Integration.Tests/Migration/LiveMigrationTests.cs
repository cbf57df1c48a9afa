using System.Globalization;
using System.Net;
using Cordouan.Integration.Tests.Cluster;
using Cordouan.Testing;
using Cordouan.Testing.Daemon;
using Xunit;
using static Cordouan.Integration.Tests.Fixtures.Vms;
using static Cordouan.Integration.Tests.Migration.MigrationProbes;

namespace Cordouan.Integration.Tests.Migration;

/// <summary>
/// Live migration between two real nodes (issue 6): the running test guest moves with shared and with local disks, and
/// its serial heartbeat and disk counter go on across the switch with no reboot; exactly one QEMU runs it afterwards;
/// a target QEMU killed mid-migration leaves the guest running on the source with nothing left on the target.
/// </summary>
public sealed class LiveMigrationTests(MigrationLab lab) : IClassFixture<MigrationLab>
{
    private static readonly TimeSpan Boot = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan MigrationTimeout = TimeSpan.FromMinutes(5);

    private ClusterLab Lab => lab.Lab;

    [Fact]
    public async Task MigrateOnline_SharedDisk_GuestKeepsBeatingOnTargetWithoutReboot()
    {
        var ct = TestContext.Current.CancellationToken;
        var (n1, n2) = (Lab["n1"], Lab["n2"]);
        using var viaN2 = await Lab.AdminAsync(n2, ct);
        using var shared = new TempDirectory("cord-shared");
        (await viaN2.PostAsync("/storage", new()
        {
            ["storage"] = "shared",
            ["type"] = "dir",
            ["path"] = shared.Path,
            ["content"] = "images",
            ["shared"] = "1",
        }, ct)).EnsureOk();
        const int vmid = 700;
        try
        {
            await CreateGuestAsync(viaN2, "n1", vmid, lab.GuestImage, ct, start: true, storage: "shared");
            var last = await BeatingAsync(n1, vmid, Boot, ct);

            var upid = (await viaN2.PostAsync(Path("n1", vmid, "/migrate"), new() { ["target"] = "n2", ["online"] = "1" }, ct)).EnsureOk().Data!.GetValue<string>();
            var exit = await viaN2.WaitForTaskAsync(upid, MigrationTimeout, ct);
            var log = await TaskLogAsync(viaN2, upid, ct);
            Report(log);
            Assert.True(exit == "OK", $"{exit}:\n{string.Join('\n', log)}");
            Assert.Contains(log, l => l.Contains("is on shared storage: nothing to copy", StringComparison.Ordinal));

            await AssertMovedAsync(viaN2, n1, n2, vmid, last, ct);
            await StopAsync(viaN2, "n2", vmid, ct);
            await DestroyAsync(viaN2, "n2", vmid, ct);
        }
        finally
        {
            // Best effort: a failed test may leave the VM behind, and must report its own failure, not this one.
            await viaN2.DeleteAsync("/storage/shared", ct);
        }
    }

    [Fact]
    public async Task MigrateOnline_LocalDisk_MirroredSoTheDiskCounterSurvivesARestartOnTarget()
    {
        var ct = TestContext.Current.CancellationToken;
        var (n1, n2) = (Lab["n1"], Lab["n2"]);
        using var viaN1 = await Lab.AdminAsync(n1, ct);
        const int vmid = 710;
        await CreateGuestAsync(viaN1, "n1", vmid, lab.GuestImage, ct, start: true);
        var last = await BeatingAsync(n1, vmid, Boot, ct);

        var upid = (await viaN1.PostAsync(Path("n1", vmid, "/migrate"), new()
        {
            ["target"] = "n2",
            ["online"] = "1",
            ["with-local-disks"] = "1",
        }, ct)).EnsureOk().Data!.GetValue<string>();
        var exit = await viaN1.WaitForTaskAsync(upid, MigrationTimeout, ct);
        var log = await TaskLogAsync(viaN1, upid, ct);
        Report(log);
        Assert.True(exit == "OK", $"{exit}:\n{string.Join('\n', log)}");
        Assert.Contains(log, l => l.Contains("drive mirror(s) in sync", StringComparison.Ordinal));

        var beat = await AssertMovedAsync(viaN1, n1, n2, vmid, last, ct);
        Assert.False(File.Exists(DiskPath(n1, vmid, 0)), "the source disk is freed");
        Assert.Equal([$"vm-{vmid}-disk-0.qcow2"], FilesOf(n2, vmid));

        // The mirrored disk is the guest's: after a cold restart on the target its stored counter goes on.
        await StopAsync(viaN1, "n2", vmid, ct);
        await StartAsync(viaN1, "n2", vmid, ct);
        await using (var console = await SerialConsole.ConnectAsync(n2.SerialSocket(vmid), TimeSpan.FromSeconds(10), ct))
        {
            var start = SerialConsole.ParseStartCounter(await console.WaitForLineAsync(l => l.StartsWith("GUEST-UP", StringComparison.Ordinal), Boot, ct));
            Assert.True(start >= beat, $"the disk counter went back from {beat} to {start}");
        }
        await StopAsync(viaN1, "n2", vmid, ct);
        await DestroyAsync(viaN1, "n2", vmid, ct);
    }

    [Fact]
    public async Task MigrateOnline_TargetQemuKilledMidway_GuestRunsOnSourceAndTargetKeepsNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var (n1, n2) = (Lab["n1"], Lab["n2"]);
        using var viaN1 = await Lab.AdminAsync(n1, ct);
        const int vmid = 720;
        await CreateGuestAsync(viaN1, "n1", vmid, lab.GuestImage, ct, start: true);
        await BeatingAsync(n1, vmid, Boot, ct);

        // 512 KiB/s: the disk mirror lasts long enough to kill the target's QEMU in the middle of it.
        var upid = (await viaN1.PostAsync(Path("n1", vmid, "/migrate"), new()
        {
            ["target"] = "n2",
            ["online"] = "1",
            ["with-local-disks"] = "1",
            ["bwlimit"] = "512",
        }, ct)).EnsureOk().Data!.GetValue<string>();
        await ClusterLab.WaitUntilAsync("the target QEMU runs", _ => Task.FromResult(QemuPidsOf(n2, vmid).Count == 1), TimeSpan.FromSeconds(60), ct);
        await ClusterLab.WaitUntilAsync("the mirror is under way", async c =>
            (await TaskLogAsync(viaN1, upid, c)).Any(l => l.StartsWith("mirroring scsi0", StringComparison.Ordinal)), TimeSpan.FromSeconds(60), ct);
        foreach (var pid in QemuPidsOf(n2, vmid))
        {
            System.Diagnostics.Process.GetProcessById(pid).Kill();
        }

        var exit = await viaN1.WaitForTaskAsync(upid, MigrationTimeout, ct);
        Assert.NotEqual("OK", exit);
        Report(await TaskLogAsync(viaN1, upid, ct));
        var resource = await VmResourceAsync(viaN1, vmid, ct);
        Assert.Equal("n1", resource["node"]!.GetValue<string>());
        Assert.Null(resource["lock"]);
        Assert.Equal("running", await StatusAsync(viaN1, "n1", vmid, ct));
        Assert.Single(QemuPidsOf(n1, vmid));
        Assert.Empty(QemuPidsOf(n2, vmid));
        await ClusterLab.WaitUntilAsync("the target's mirror disk is gone", _ => Task.FromResult(FilesOf(n2, vmid).Length == 0), TimeSpan.FromSeconds(30), ct);
        await BeatingAsync(n1, vmid, Boot, ct);

        await StopAsync(viaN1, "n1", vmid, ct);
        await DestroyAsync(viaN1, "n1", vmid, ct);
    }

    /// <summary>
    /// The VM is owned by <paramref name="target"/>, runs in exactly one QEMU there and none on
    /// <paramref name="source"/>, and its guest beats on from where it was (no reboot). Returns a heartbeat seen there.
    /// </summary>
    private static async Task<int> AssertMovedAsync(PveHttp http, CordouandNode source, CordouandNode target, int vmid, int lastOnSource, CancellationToken ct)
    {
        var resource = await VmResourceAsync(http, vmid, ct);
        Assert.Equal(target.NodeName, resource["node"]!.GetValue<string>());
        Assert.Null(resource["lock"]);
        Assert.Equal("running", await StatusAsync(http, target.NodeName, vmid, ct));
        Assert.Empty(QemuPidsOf(source, vmid));
        Assert.Single(QemuPidsOf(target, vmid));
        await using var console = await SerialConsole.ConnectAsync(target.SerialSocket(vmid), TimeSpan.FromSeconds(10), ct);
        var beat = await console.WaitForHeartbeatAsync(lastOnSource, TimeSpan.FromSeconds(30), ct);
        Assert.DoesNotContain(console.Lines, l => l.StartsWith("GUEST-UP", StringComparison.Ordinal));
        return beat;
    }

    private static void Report(IReadOnlyList<string> log)
    {
        foreach (var line in log)
        {
            TestContext.Current.TestOutputHelper?.WriteLine(line);
        }
    }
}
