using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Cordouan.Integration.Tests.Cluster;
using Cordouan.Integration.Tests.Fixtures;
using Cordouan.Testing;
using Cordouan.Testing.Daemon;
using Xunit;
using static Cordouan.Integration.Tests.Fixtures.Vms;
using static Cordouan.Integration.Tests.Migration.MigrationProbes;

namespace Cordouan.Integration.Tests.Migration;

/// <summary>
/// Offline migration between two real nodes (issue 6, first step): local disks copied node to node, ownership switched
/// in one transaction, proven by the test guest's disk counter; refusals and a failed copy that leaves the VM untouched.
/// </summary>
public sealed class OfflineMigrationTests(MigrationLab lab) : IClassFixture<MigrationLab>
{
    private static readonly TimeSpan Boot = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan MigrationTimeout = TimeSpan.FromMinutes(5);

    private ClusterLab Lab => lab.Lab;

    [Fact]
    public async Task Migrate_StoppedGuestAskedThroughTarget_BootsOnTargetWithDiskCounterContinuing()
    {
        var ct = TestContext.Current.CancellationToken;
        var (n1, n2) = (Lab["n1"], Lab["n2"]);
        using var viaN1 = await Lab.AdminAsync(n1, ct);
        using var viaN2 = await Lab.AdminAsync(n2, ct);
        const int vmid = 600;
        await CreateGuestAsync(viaN1, "n1", vmid, lab.GuestImage, ct, start: true);
        int firstStart;
        int before;
        await using (var console = await SerialConsole.ConnectAsync(n1.SerialSocket(vmid), TimeSpan.FromSeconds(10), ct))
        {
            firstStart = SerialConsole.ParseStartCounter(await console.WaitForLineAsync(l => l.StartsWith("GUEST-UP", StringComparison.Ordinal), Boot, ct));
            await console.WaitForHeartbeatAsync(firstStart + 5, Boot, ct);
            await StopAsync(viaN1, "n1", vmid, ct);
            before = console.LastHeartbeat!.Value;
        }

        var check = (await viaN2.GetAsync(Path("n1", vmid, "/migrate"), ct)).EnsureOk().Data!;
        Assert.Equal(0, check["running"]!.GetValue<int>());
        Assert.Equal(["n2"], check["allowed_nodes"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Empty(check["not_allowed_nodes"]!.AsObject());
        var disk = Assert.Single(check["local_disks"]!.AsArray())!;
        Assert.Equal($"local:{vmid}/vm-{vmid}-disk-0.qcow2", disk["volid"]!.GetValue<string>());
        Assert.True(disk["size"]!.GetValue<long>() > 0);
        Assert.Equal(0, disk["cdrom"]!.GetValue<int>());
        Assert.Equal(0, disk["is_unused"]!.GetValue<int>());
        Assert.Empty(check["local_resources"]!.AsArray());
        Assert.Empty(check["mapped-resources"]!.AsArray());
        Assert.Equal(0, check["has-dbus-vmstate"]!.GetValue<int>());

        var upid = (await viaN2.PostAsync(Path("n1", vmid, "/migrate"), new() { ["target"] = "n2" }, ct)).EnsureOk().Data!.GetValue<string>();
        Assert.StartsWith("UPID:n1:", upid, StringComparison.Ordinal);
        Assert.Contains($":qmigrate:{vmid}:", upid, StringComparison.Ordinal);
        Assert.Equal("OK", await viaN2.WaitForTaskAsync(upid, MigrationTimeout, ct));
        Report(await TaskLogAsync(viaN2, upid, ct));

        var resource = await VmResourceAsync(viaN1, vmid, ct);
        Assert.Equal("n2", resource["node"]!.GetValue<string>());
        Assert.Null(resource["lock"]);
        Assert.False(File.Exists(DiskPath(n1, vmid, 0)), "the source copy is removed");
        Assert.Equal([$"vm-{vmid}-disk-0.qcow2"], FilesOf(n2, vmid));
        Assert.Equal(HttpStatusCode.InternalServerError, (await viaN1.GetAsync(Path("n1", vmid, "/config"), ct)).Status);

        await StartAsync(viaN1, "n2", vmid, ct);
        await using (var console = await SerialConsole.ConnectAsync(n2.SerialSocket(vmid), TimeSpan.FromSeconds(10), ct))
        {
            var start = SerialConsole.ParseStartCounter(await console.WaitForLineAsync(l => l.StartsWith("GUEST-UP", StringComparison.Ordinal), Boot, ct));
            // The guest stores each beat before printing it, and may store one more before the stop lands.
            Assert.InRange(start, before, before + 2);
            Assert.True(start > firstStart);
            await console.WaitForHeartbeatAsync(start + 3, Boot, ct);
        }
        await StopAsync(viaN2, "n2", vmid, ct);

        // And back with the CLI and a bandwidth limit (MiB/s there, KiB/s on the wire): the copy cannot beat the limit.
        const int limitMiBps = 4;
        var size = new FileInfo(DiskPath(n2, vmid, 0)).Length;
        var config = n1.Data.Combine("cord.json");
        var login = await Cord.RunAsync(config, MigrationTimeout, ct, "login", "--server", n1.BaseAddress.ToString(), "--user", "admin@pve",
            "--password-file", n1.Data.Combine("admin-password.in"), "--fingerprint", n1.Fingerprint());
        Assert.True(login.Exit == 0, login.Output);
        var watch = Stopwatch.StartNew();
        var cli = await Cord.RunAsync(config, MigrationTimeout, ct, "vm", "migrate", vmid.ToString(CultureInfo.InvariantCulture), "n1", "--bwlimit", limitMiBps.ToString(CultureInfo.InvariantCulture));
        Assert.True(cli.Exit == 0, cli.Output);
        Assert.True(watch.Elapsed.TotalSeconds >= size / (limitMiBps * 1024.0 * 1024.0) * 0.95, $"{size} bytes in {watch.Elapsed} despite --bwlimit {limitMiBps}");
        TestContext.Current.TestOutputHelper?.WriteLine(cli.Output);
        Assert.Equal("n1", (await VmResourceAsync(viaN2, vmid, ct))["node"]!.GetValue<string>());
        Assert.Empty(FilesOf(n2, vmid));
        await DestroyAsync(viaN1, "n1", vmid, ct);
    }

    [Fact]
    public async Task Migrate_TargetAlreadyHoldsSecondDisk_TaskFailsAndVmStaysOnSourceUntouched()
    {
        var ct = TestContext.Current.CancellationToken;
        var (n1, n2) = (Lab["n1"], Lab["n2"]);
        using var viaN1 = await Lab.AdminAsync(n1, ct);
        const int vmid = 630;
        await viaN1.RunTaskAsync(HttpMethod.Post, "/nodes/n1/qemu", new()
        {
            ["vmid"] = vmid.ToString(CultureInfo.InvariantCulture),
            ["memory"] = "64",
            ["scsi0"] = "local:1",
            ["scsi1"] = "local:1",
        }, ct);
        var squatter = DiskPath(n2, vmid, 1);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(squatter)!);
        await File.WriteAllTextAsync(squatter, "a volume that was here first", ct);
        var configBefore = (await viaN1.GetAsync(Path("n1", vmid, "/config"), ct)).EnsureOk().Data!;

        var upid = (await viaN1.PostAsync(Path("n1", vmid, "/migrate"), new() { ["target"] = "n2" }, ct)).EnsureOk().Data!.GetValue<string>();
        var exit = await viaN1.WaitForTaskAsync(upid, MigrationTimeout, ct);
        Assert.Contains("already exists on node 'n2'", exit, StringComparison.Ordinal);
        var log = await TaskLogAsync(viaN1, upid, ct);
        Assert.Contains(log, l => l.Contains($"removed 'local:{vmid}/vm-{vmid}-disk-0.qcow2' from node 'n2'", StringComparison.Ordinal));

        var resource = await VmResourceAsync(viaN1, vmid, ct);
        Assert.Equal("n1", resource["node"]!.GetValue<string>());
        Assert.Null(resource["lock"]);
        var configAfter = (await viaN1.GetAsync(Path("n1", vmid, "/config"), ct)).EnsureOk().Data!;
        Assert.Equal(configBefore["scsi0"]!.GetValue<string>(), configAfter["scsi0"]!.GetValue<string>());
        Assert.Null(configAfter["lock"]);
        Assert.Equal([$"vm-{vmid}-disk-1.qcow2"], FilesOf(n2, vmid));
        Assert.Equal("a volume that was here first", await File.ReadAllTextAsync(squatter, ct));
        Assert.True(File.Exists(DiskPath(n1, vmid, 0)) && File.Exists(DiskPath(n1, vmid, 1)));

        await StartAsync(viaN1, "n1", vmid, ct);
        Assert.Equal("running", await StatusAsync(viaN1, "n1", vmid, ct));
        await StopAsync(viaN1, "n1", vmid, ct);
        await DestroyAsync(viaN1, "n1", vmid, ct);
        File.Delete(squatter);
    }

    [Fact]
    public async Task Migrate_InvalidRequests_RefusedBeforeAnyTask()
    {
        var ct = TestContext.Current.CancellationToken;
        using var viaN2 = await Lab.AdminAsync(Lab["n2"], ct);
        using var rootN2 = await viaN2.AsRootAsync(ct);
        const int vmid = 610;
        await viaN2.RunTaskAsync(HttpMethod.Post, "/nodes/n1/qemu", new() { ["vmid"] = "610", ["memory"] = "64", ["scsi0"] = "local:1" }, ct);
        var migrate = Path("n1", vmid, "/migrate");

        await StartAsync(viaN2, "n1", vmid, ct);
        var running = await viaN2.PostAsync(migrate, new() { ["target"] = "n2" }, ct);
        Assert.Equal(HttpStatusCode.BadRequest, running.Status);
        Assert.Equal("can't migrate running VM without --online", running.Error("online"));
        var live = await viaN2.PostAsync(migrate, new() { ["target"] = "n2", ["online"] = "1" }, ct);
        Assert.Equal(HttpStatusCode.BadRequest, live.Status);
        Assert.Contains("can't live migrate attached local disks without with-local-disks option", live.Error("with-local-disks"), StringComparison.Ordinal);
        Assert.Equal(1, (await viaN2.GetAsync(migrate, ct)).EnsureOk().Data!["running"]!.GetValue<int>());
        await StopAsync(viaN2, "n1", vmid, ct);

        Assert.Equal("property is missing and it is not optional", (await viaN2.PostAsync(migrate, [], ct)).Error("target"));
        Assert.Equal("no such cluster node 'nx'", (await viaN2.PostAsync(migrate, new() { ["target"] = "nx" }, ct)).Error("target"));
        Assert.Equal("no such cluster node 'nx'", (await viaN2.GetAsync(migrate, ct, new() { ["target"] = "nx" })).Error("target"));
        Assert.Equal("target is local node.", (await viaN2.PostAsync(migrate, new() { ["target"] = "n1" }, ct)).Error("target"));
        Assert.Contains("is a witness", (await viaN2.PostAsync(migrate, new() { ["target"] = "w" }, ct)).Error("target"), StringComparison.Ordinal);
        Assert.Contains("does not exist", (await viaN2.PostAsync(migrate, new() { ["target"] = "n2", ["targetstorage"] = "nostore" }, ct)).Error("targetstorage"), StringComparison.Ordinal);

        (await rootN2.PutAsync(Path("n1", vmid, "/config"), new() { ["lock"] = "backup" }, ct)).EnsureOk();
        var locked = await viaN2.PostAsync(migrate, new() { ["target"] = "n2" }, ct);
        Assert.Equal(HttpStatusCode.InternalServerError, locked.Status);
        Assert.Equal("VM is locked (backup)", locked.Message?.TrimEnd('\n'));
        (await rootN2.PutAsync(Path("n1", vmid, "/config"), new() { ["delete"] = "lock" }, ct)).EnsureOk();

        Assert.Equal("n1", (await VmResourceAsync(viaN2, vmid, ct))["node"]!.GetValue<string>());
        Assert.Empty(FilesOf(Lab["n2"], vmid));
        await DestroyAsync(viaN2, "n1", vmid, ct);
    }

    [Fact]
    public async Task Migrate_TargetOffline_RefusedAndNotAllowed()
    {
        var ct = TestContext.Current.CancellationToken;
        var (n1, n2) = (Lab["n1"], Lab["n2"]);
        using var viaN1 = await Lab.AdminAsync(n1, ct);
        const int vmid = 620;
        await viaN1.RunTaskAsync(HttpMethod.Post, "/nodes/n1/qemu", new() { ["vmid"] = "620", ["memory"] = "64", ["scsi0"] = "local:1" }, ct);
        await n2.KillAsync();
        await n2.Host!.KillProcessesAsync(ct);
        try
        {
            await ClusterLab.WaitUntilAsync("n1 sees n2 offline", async c =>
                (await ClusterLab.StatusAsync(viaN1, c)).Any(i => i!["name"]?.GetValue<string>() == "n2" && i["online"]?.GetValue<int>() == 0),
                TimeSpan.FromSeconds(30), ct);
            var refused = await viaN1.PostAsync(Path("n1", vmid, "/migrate"), new() { ["target"] = "n2" }, ct);
            Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
            Assert.Equal("node 'n2' is not online", refused.Error("target"));
            Assert.Empty((await viaN1.GetAsync(Path("n1", vmid, "/migrate"), ct)).EnsureOk().Data!["allowed_nodes"]!.AsArray());
        }
        finally
        {
            await n2.StartAsync(ct);
            await ClusterLab.WaitUntilAsync("n2 back online", async c =>
                (await ClusterLab.StatusAsync(viaN1, c)).Count(i => i!["type"]!.GetValue<string>() == "node" && i["online"]!.GetValue<int>() == 1) == 3,
                TimeSpan.FromSeconds(60), ct);
        }
        await DestroyAsync(viaN1, "n1", vmid, ct);
    }

    [Fact]
    public async Task InternalVolumes_UserTicketOrAnonymous_Forbidden()
    {
        var ct = TestContext.Current.CancellationToken;
        using var admin = await Lab.AdminAsync(Lab["n2"], ct);
        using var anonymous = Lab["n2"].Anonymous();
        foreach (var http in new[] { admin, anonymous })
        {
            var put = await http.PutAsync("/internal/volumes/local/640/vm-640-disk-0.qcow2", new() { ["x"] = "1" }, ct);
            Assert.Equal(HttpStatusCode.Forbidden, put.Status);
            Assert.Equal(HttpStatusCode.Forbidden, (await http.DeleteAsync("/internal/volumes/local/640/vm-640-disk-0.qcow2", ct)).Status);
        }
        Assert.Empty(FilesOf(Lab["n2"], 640));
    }

    /// <summary>The measured figures (copy rate, total time) go to the test output.</summary>
    private static void Report(IReadOnlyList<string> log)
    {
        foreach (var line in log.Where(l => l.StartsWith("copied", StringComparison.Ordinal) || l.Contains("duration", StringComparison.Ordinal)))
        {
            TestContext.Current.TestOutputHelper?.WriteLine(line);
        }
    }
}
