using System.Globalization;
using System.Net;
using Cordouan.Integration.Tests.Cluster;
using Cordouan.Integration.Tests.Fixtures;
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
        using var shared = await SharedStorage.AddAsync(viaN2, "shared", ct);
        const int vmid = 700;
        try
        {
            await CreateGuestAsync(viaN2, "n1", vmid, lab.GuestImage, ct, start: true, storage: "shared");
            var last = await BeatingAsync(n1, vmid, Boot, ct);
            // Issue 18: n2 lists n1's running VM as running, with its figures, from what n1 publishes.
            await ShownRunningOnAsync(viaN2, vmid, "n1", ct);

            var upid = (await viaN2.PostAsync(Path("n1", vmid, "/migrate"), new() { ["target"] = "n2", ["online"] = "1" }, ct)).EnsureOk().Data!.GetValue<string>();
            var exit = await viaN2.WaitForTaskAsync(upid, MigrationTimeout, ct);
            var log = await TaskLogAsync(viaN2, upid, ct);
            Report(log);
            Assert.True(exit == "OK", $"{exit}:\n{string.Join('\n', log)}");
            Assert.Contains(log, l => l.Contains("is on shared storage: nothing to copy", StringComparison.Ordinal));
            var results = (await viaN2.GetAsync($"/nodes/n1/tasks/{Uri.EscapeDataString(upid)}/status", ct)).EnsureOk().Data!["results"]!;
            Assert.InRange(results["downtime_ms"]!.GetValue<double>(), 1, 10_000);
            Assert.True(results["duration_ms"]!.GetValue<double>() >= results["downtime_ms"]!.GetValue<double>());
            Assert.True(results["transferred_bytes"]!.GetValue<double>() > 0);

            await AssertMovedAsync(viaN2, n1, n2, vmid, last, ct);
            using (var viaN1 = await Lab.AdminAsync(n1, ct))
            {
                // And the source lists it running on the target.
                await ShownRunningOnAsync(viaN1, vmid, "n2", ct);
            }
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

    [Fact]
    public async Task MigrateOnline_SourceDaemonKilledMidway_RestartKeepsGuestOnSourceAndTargetCleansUp()
    {
        var ct = TestContext.Current.CancellationToken;
        var (n1, n2) = (Lab["n1"], Lab["n2"]);
        const int vmid = 730;
        using (var viaN1 = await Lab.AdminAsync(n1, ct))
        {
            await CreateGuestAsync(viaN1, "n1", vmid, lab.GuestImage, ct, start: true);
            await BeatingAsync(n1, vmid, Boot, ct);
            var upid = (await viaN1.PostAsync(Path("n1", vmid, "/migrate"), new()
            {
                ["target"] = "n2",
                ["online"] = "1",
                ["with-local-disks"] = "1",
                ["bwlimit"] = "512",
            }, ct)).EnsureOk().Data!.GetValue<string>();
            await ClusterLab.WaitUntilAsync("the mirror is under way", async c =>
                (await TaskLogAsync(viaN1, upid, c)).Any(l => l.StartsWith("mirroring scsi0", StringComparison.Ordinal)), TimeSpan.FromSeconds(60), ct);
        }

        // The daemon dies; its QEMU goes on mirroring. On restart the migration nobody drives any more is undone.
        await n1.RestartAsync(ct);
        using var http = await Lab.AdminAsync(n1, ct);
        await ClusterLab.WaitUntilAsync("the lock is cleared", async c => (await VmResourceAsync(http, vmid, c))["lock"] is null, TimeSpan.FromSeconds(60), ct);
        await ClusterLab.WaitUntilAsync("the target's QEMU and disk are gone", _ => Task.FromResult(QemuPidsOf(n2, vmid).Count == 0 && FilesOf(n2, vmid).Length == 0),
            TimeSpan.FromSeconds(30), ct);
        Assert.Equal("n1", (await VmResourceAsync(http, vmid, ct))["node"]!.GetValue<string>());
        Assert.Single(QemuPidsOf(n1, vmid));
        Assert.Equal("running", await StatusAsync(http, "n1", vmid, ct));
        await BeatingAsync(n1, vmid, Boot, ct);

        await StopAsync(http, "n1", vmid, ct);
        await DestroyAsync(http, "n1", vmid, ct);
    }

    [Fact]
    public async Task MigrateOnline_NetworkCutDuringRamTransfer_TaskFailsGuestStaysOnSourceTargetCleansUp()
    {
        var ct = TestContext.Current.CancellationToken;
        var (n1, n2) = (Lab["n1"], Lab["n2"]);
        using var viaN1 = await Lab.AdminAsync(n1, ct);
        using var shared = await SharedStorage.AddAsync(viaN1, "shared2", ct);
        const int vmid = 740;
        try
        {
            await CreateGuestAsync(viaN1, "n1", vmid, lab.GuestImage, ct, start: true, storage: "shared2");
            await BeatingAsync(n1, vmid, Boot, ct);
            // 1 MiB/s: the RAM transfer lasts long enough to cut the link between the two nodes in its middle.
            var upid = (await viaN1.PostAsync(Path("n1", vmid, "/migrate"), new() { ["target"] = "n2", ["online"] = "1", ["bwlimit"] = "1024" }, ct))
                .EnsureOk().Data!.GetValue<string>();
            await ClusterLab.WaitUntilAsync("RAM is being sent", async c =>
                (await TaskLogAsync(viaN1, upid, c)).Any(l => l.StartsWith("migration active", StringComparison.Ordinal)), TimeSpan.FromSeconds(60), ct);
            await Lab.Lab.PartitionAsync(n1.Host!, n2.Host!, ct);
            try
            {
                // Read from n1's task log file, not the API: n1 may be the side without the etcd leader during the cut.
                var logFile = n1.Data.Combine("tasks", upid.Split(':')[4][^2..], upid.Replace(':', '_'));
                await ClusterLab.WaitUntilAsync("the migration is aborted", async c =>
                    File.Exists(logFile) && (await File.ReadAllTextAsync(logFile, c)).Contains("made no progress", StringComparison.Ordinal), MigrationTimeout, ct);
                Assert.Single(QemuPidsOf(n1, vmid));
                await BeatingAsync(n1, vmid, Boot, ct);
            }
            finally
            {
                // Also when the test failed: the next tests need both nodes in the cluster again.
                await Lab.Lab.HealAsync(n1.Host!, n2.Host!, ct);
                await Lab.WaitQuorateAsync(n1, ct);
                await Lab.WaitQuorateAsync(n2, ct);
            }
            // Depending on where the etcd leader was, n1 or n2 had only a stale view during the cut. Once healed: the
            // lock is cleared (by the task, or by n1's supervisor if the task could not write), and n2, which never ran
            // the guest (paused, waiting), stops its QEMU when it reads that.
            var exit = await viaN1.WaitForTaskAsync(upid, MigrationTimeout, ct);
            Report(await TaskLogAsync(viaN1, upid, ct));
            Assert.Contains("made no progress", exit, StringComparison.Ordinal);
            await ClusterLab.WaitUntilAsync("the lock is cleared", async c => (await VmResourceAsync(viaN1, vmid, c))["lock"] is null, TimeSpan.FromSeconds(60), ct);
            await ClusterLab.WaitUntilAsync("the target's QEMU is gone", _ => Task.FromResult(QemuPidsOf(n2, vmid).Count == 0), TimeSpan.FromSeconds(60), ct);
            Assert.Equal("n1", (await VmResourceAsync(viaN1, vmid, ct))["node"]!.GetValue<string>());
            Assert.Equal("running", await StatusAsync(viaN1, "n1", vmid, ct));
            Assert.Single(QemuPidsOf(n1, vmid));
            await StopAsync(viaN1, "n1", vmid, ct);
            await DestroyAsync(viaN1, "n1", vmid, ct);
        }
        finally
        {
            await viaN1.DeleteAsync("/storage/shared2", ct);
        }
    }

    [Fact]
    public async Task MigrateOnline_TargetStorageFull_MirrorFailsGuestStaysOnSourceTargetKeepsNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var (n1, n2) = (Lab["n1"], Lab["n2"]);
        using var viaN1 = await Lab.AdminAsync(n1, ct);
        const int vmid = 750;
        await CreateGuestAsync(viaN1, "n1", vmid, lab.GuestImage, ct, start: true);
        await BeatingAsync(n1, vmid, Boot, ct);
        // The target's image directory for this VM is a 1 MiB file system: the empty qcow2 fits, the disk does not.
        // Mounted in n2's own mount namespace (ip netns exec gave it one), where its QEMU will open the disk.
        var full = System.IO.Path.GetDirectoryName(DiskPath(n2, vmid, 0))!;
        Directory.CreateDirectory(full);
        var n2Pid = n2.Pid!.Value.ToString(CultureInfo.InvariantCulture);
        await RunAsync(ct, "nsenter", "-t", n2Pid, "-m", "mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", full);
        try
        {
            var upid = (await viaN1.PostAsync(Path("n1", vmid, "/migrate"), new() { ["target"] = "n2", ["online"] = "1", ["with-local-disks"] = "1" }, ct))
                .EnsureOk().Data!.GetValue<string>();
            var exit = await viaN1.WaitForTaskAsync(upid, MigrationTimeout, ct);
            Report(await TaskLogAsync(viaN1, upid, ct));
            Assert.Contains("drive mirror of scsi0 to node 'n2' failed", exit, StringComparison.Ordinal);
            var resource = await VmResourceAsync(viaN1, vmid, ct);
            Assert.Equal("n1", resource["node"]!.GetValue<string>());
            Assert.Null(resource["lock"]);
            Assert.Single(QemuPidsOf(n1, vmid));
            Assert.Empty(QemuPidsOf(n2, vmid));
            Assert.Empty(await RunAsync(ct, "nsenter", "-t", n2Pid, "-m", "ls", "-A", full));
            await BeatingAsync(n1, vmid, Boot, ct);
        }
        finally
        {
            await RunAsync(CancellationToken.None, "nsenter", "-t", n2Pid, "-m", "umount", full);
        }
        await StopAsync(viaN1, "n1", vmid, ct);
        await DestroyAsync(viaN1, "n1", vmid, ct);
    }

    private static async Task<string> RunAsync(CancellationToken ct, params string[] argv)
    {
        var info = new System.Diagnostics.ProcessStartInfo(argv[0]) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in argv.Skip(1))
        {
            info.ArgumentList.Add(arg);
        }
        using var process = System.Diagnostics.Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var error = await process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct).WaitAsync(TimeSpan.FromSeconds(30), ct);
        Assert.True(process.ExitCode == 0, $"{string.Join(' ', argv)}: {error}");
        return (await output).Trim();
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
