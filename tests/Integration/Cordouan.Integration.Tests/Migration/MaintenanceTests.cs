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
/// Node maintenance (issue 6) on two real nodes: entering it evacuates n1 (the running test guest live, a stopped VM
/// offline, a locked VM left behind as a task warning) through the real `cord`, refuses new placements on n1 while it
/// lasts, and exiting lifts the refusal.
/// </summary>
public sealed class MaintenanceTests(MigrationLab lab) : IClassFixture<MigrationLab>
{
    private static readonly TimeSpan Boot = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan CordTimeout = TimeSpan.FromMinutes(4);

    private ClusterLab Lab => lab.Lab;

    [Fact]
    public async Task EnterMaintenance_RunningStoppedAndLockedVms_MovesWhatCanMoveAndRefusesNewVmsUntilExit()
    {
        var ct = TestContext.Current.CancellationToken;
        var (n1, n2) = (Lab["n1"], Lab["n2"]);
        using var viaN2 = await Lab.AdminAsync(n2, ct);
        using var rootN2 = await viaN2.AsRootAsync(ct);
        const int running = 800, stopped = 801, locked = 802, created = 803;
        await CreateGuestAsync(viaN2, "n1", running, lab.GuestImage, ct, start: true);
        await CreateSmallAsync(viaN2, "n1", stopped, ct);
        await CreateSmallAsync(viaN2, "n1", locked, ct);
        (await rootN2.PutAsync(Path("n1", locked, "/config"), new() { ["lock"] = "backup" }, ct)).EnsureOk();
        var last = await BeatingAsync(n1, running, Boot, ct);
        var config = n1.Data.Combine("cord-maintenance.json");
        var login = await CordAsync(config, ct, "login", "--server", n1.BaseAddress.ToString(), "--user", "admin@pve",
            "--password-file", n1.Data.Combine("admin-password.in"), "--fingerprint", n1.Fingerprint());
        Assert.True(login.Exit == 0, login.Output);
        try
        {
            var enter = await CordAsync(config, ct, "node", "maintenance", "enter", "n1");
            Assert.True(enter.Exit == 0, enter.Output);

            var task = await LatestTaskAsync(viaN2, "nodemaint", ct);
            var log = await TaskLogAsync(viaN2, task.Upid, ct);
            Report(log);
            Assert.Equal("WARNINGS: 1", task.Exit);
            Assert.Contains(log, l => l.StartsWith($"VM {running} (guest{running}, running): live migration with local disks to n2", StringComparison.Ordinal));
            Assert.Contains(log, l => l.StartsWith($"VM {stopped} (small{stopped}, stopped): offline migration to n2", StringComparison.Ordinal));
            Assert.Contains($"WARN: VM {locked} stays on this node: it is locked (backup); unlock it and enter maintenance again", log);
            Assert.Contains(log, l => l.StartsWith($"evacuation finished: 2 VM(s) moved, 1 stayed ({locked}), total time ", StringComparison.Ordinal));

            // The guest went on beating on n2 from where it was: moved live, not rebooted.
            Assert.Equal("n2", (await VmResourceAsync(viaN2, running, ct))["node"]!.GetValue<string>());
            Assert.Empty(QemuPidsOf(n1, running));
            Assert.Single(QemuPidsOf(n2, running));
            await using (var console = await SerialConsole.ConnectAsync(n2.SerialSocket(running), TimeSpan.FromSeconds(10), ct))
            {
                await console.WaitForHeartbeatAsync(last, TimeSpan.FromSeconds(30), ct);
                Assert.DoesNotContain(console.Lines, l => l.StartsWith("GUEST-UP", StringComparison.Ordinal));
            }
            Assert.Equal("n2", (await VmResourceAsync(viaN2, stopped, ct))["node"]!.GetValue<string>());
            Assert.Equal("stopped", await StatusAsync(viaN2, "n2", stopped, ct));
            Assert.Equal("n1", (await VmResourceAsync(viaN2, locked, ct))["node"]!.GetValue<string>());

            Assert.Equal(1, NodeItem(await ClusterLab.StatusAsync(viaN2, ct), "n1")["maintenance"]!.GetValue<int>());
            var status = (await viaN2.GetAsync("/nodes/n1/maintenance", ct)).EnsureOk().Data!;
            Assert.Equal(1, status["maintenance"]!.GetValue<int>());
            Assert.Equal([locked], status["vms"]!.AsArray().Select(v => v!["vmid"]!.GetValue<int>()));

            // No new VM on n1 while it is in maintenance: create, start, clone, migrate to it.
            var create = await viaN2.PostAsync("/nodes/n1/qemu", SmallVm(created), ct);
            Assert.Equal(HttpStatusCode.BadRequest, create.Status);
            Assert.Contains("is in maintenance mode", create.Error("node"), StringComparison.Ordinal);
            (await rootN2.PutAsync(Path("n1", locked, "/config"), new() { ["delete"] = "lock" }, ct)).EnsureOk();
            var start = await viaN2.PostAsync(Path("n1", locked, "/status/start"), null, ct);
            Assert.Equal(HttpStatusCode.InternalServerError, start.Status);
            Assert.Contains("is in maintenance mode", start.Message, StringComparison.Ordinal);
            var clone = await viaN2.PostAsync(Path("n1", locked, "/clone"), new() { ["newid"] = created.ToString(CultureInfo.InvariantCulture) }, ct);
            Assert.Equal(HttpStatusCode.BadRequest, clone.Status);
            Assert.Contains("is in maintenance mode", clone.Error("target"), StringComparison.Ordinal);
            var migrate = await viaN2.PostAsync(Path("n2", stopped, "/migrate"), new() { ["target"] = "n1" }, ct);
            Assert.Equal(HttpStatusCode.BadRequest, migrate.Status);
            Assert.Equal("node 'n1' is in maintenance mode", migrate.Error("target"));

            var exit = await CordAsync(config, ct, "node", "maintenance", "exit", "n1");
            Assert.True(exit.Exit == 0, exit.Output);
            Assert.Equal(0, NodeItem(await ClusterLab.StatusAsync(viaN2, ct), "n1")["maintenance"]!.GetValue<int>());
            await viaN2.RunTaskAsync(HttpMethod.Post, Path("n2", stopped, "/migrate"), new() { ["target"] = "n1" }, ct);
            Assert.Equal("n1", (await VmResourceAsync(viaN2, stopped, ct))["node"]!.GetValue<string>());
            await viaN2.RunTaskAsync(HttpMethod.Post, "/nodes/n1/qemu", SmallVm(created), ct);

            await StopAsync(viaN2, "n2", running, ct);
            await DestroyAsync(viaN2, "n2", running, ct);
            foreach (var vmid in new[] { stopped, locked, created })
            {
                await DestroyAsync(viaN2, "n1", vmid, ct);
            }
        }
        finally
        {
            // Best effort: a failed test must not leave n1 refusing VMs for the other tests of this lab.
            await viaN2.DeleteAsync("/nodes/n1/maintenance", ct);
        }
    }

    /// <summary>A diskless VM: enough to be placed, locked and migrated, nothing to copy.</summary>
    private static Task<string> CreateSmallAsync(PveHttp http, string node, int vmid, CancellationToken ct) =>
        http.RunTaskAsync(HttpMethod.Post, $"/nodes/{node}/qemu", SmallVm(vmid), ct);

    private static Dictionary<string, string> SmallVm(int vmid) => new()
    {
        ["vmid"] = vmid.ToString(CultureInfo.InvariantCulture),
        ["name"] = $"small{vmid}",
        ["memory"] = "64",
        ["cores"] = "1",
    };

    private static System.Text.Json.Nodes.JsonNode NodeItem(System.Text.Json.Nodes.JsonArray status, string node) =>
        status.Single(i => i!["type"]!.GetValue<string>() == "node" && i["name"]!.GetValue<string>() == node)!;

    /// <summary>The newest task of <paramref name="type"/> in the cluster's task list, finished.</summary>
    private static async Task<(string Upid, string Exit)> LatestTaskAsync(PveHttp http, string type, CancellationToken ct)
    {
        var task = (await http.GetAsync("/cluster/tasks", ct)).EnsureOk().Data!.AsArray()
            .Where(t => t!["type"]!.GetValue<string>() == type)
            .OrderByDescending(t => t!["starttime"]!.GetValue<long>())
            .First()!;
        var upid = task["upid"]!.GetValue<string>();
        return (upid, await http.WaitForTaskAsync(upid, TimeSpan.FromSeconds(30), ct));
    }

    private static Task<(int Exit, string Output)> CordAsync(string config, CancellationToken ct, params string[] args) =>
        Fixtures.Cord.RunAsync(config, CordTimeout, ct, args);

    private static void Report(IReadOnlyList<string> log)
    {
        foreach (var line in log)
        {
            TestContext.Current.TestOutputHelper?.WriteLine(line);
        }
    }
}
