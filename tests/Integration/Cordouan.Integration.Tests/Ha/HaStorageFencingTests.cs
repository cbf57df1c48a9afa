using System.Text.Json.Nodes;
using Cordouan.Integration.Tests.Cluster;
using Cordouan.Platform.Processes;
using Cordouan.Testing;
using Cordouan.Testing.Daemon;
using Xunit;
using static Cordouan.Integration.Tests.Fixtures.Vms;
using static Cordouan.Integration.Tests.Ha.HaProbes;
using static Cordouan.Integration.Tests.Migration.MigrationProbes;

namespace Cordouan.Integration.Tests.Ha;

/// <summary>
/// Storage fencing (issue 7) with real Ceph: an HA VM whose disk is an RBD image is fenced by Ceph's OSD blocklist.
/// A node cut off from the others has the QEMU's client cut off before its VM runs elsewhere, and kills its copy on
/// seeing that; a cluster-wide outage cuts nothing off and kills nothing.
/// </summary>
public sealed class HaStorageFencingTests(HaRbdLab lab) : IClassFixture<HaRbdLab>
{
    private static readonly TimeSpan Recorded = TimeSpan.FromSeconds(60);

    private ClusterLab Lab => lab.Lab;

    [Fact]
    public async Task NodeCutOff_ItsClientIsBlocklistedAndItsCopyKilledBeforeTheVmRunsElsewhere_AndItRejoinsWithoutIt()
    {
        Requirements.CephDaemons();
        var ct = TestContext.Current.CancellationToken;
        var (n1, n2) = (Lab["n1"], Lab["n2"]);
        const int vmid = 880;
        using var viaN1 = await Lab.AdminAsync(n1, ct);
        try
        {
            await CreateGuestAsync(viaN1, "n2", vmid, lab.GuestImage, ct, storage: HaRbdLab.Storage);
            await AddHaAsync(viaN1, vmid, ct);
            var last = await BeatingAsync(n2, vmid, Boot, ct);
            await WaitStorageFencedAsync(n2, vmid, ct);
            var client = Assert.Single(await WatchersAsync(vmid, ct));
            await using (var watch = OneRunWatch.Start([n1, n2], [vmid]))
            {
                // n2 keeps its Ceph network (the test address) but loses n1 and the witness: its lease ends.
                await Lab.Lab.IsolateAsync(n2.Host!, keepTestAccess: true, ct);
                try
                {
                    var beat = await BeatsAgainAsync(n1, vmid, ct);
                    Assert.True(beat > last, $"the disk counter went back from {last} to {beat}");
                    Assert.Contains(client, await BlocklistAsync(ct));
                    Assert.Empty(QemuPidsOf(n2, vmid));
                    Assert.Contains("disk clients of VM(s)", n2.Output, StringComparison.Ordinal);
                }
                finally
                {
                    await HealAsync(Lab, ct);
                }
                await Task.Delay(TimeSpan.FromSeconds(5), ct);
                Assert.Empty(QemuPidsOf(n2, vmid));
                Assert.Single(QemuPidsOf(n1, vmid));
                Assert.True(watch.Samples > 50, $"the watch looked only {watch.Samples} times");
                Assert.Empty(watch.Violations);
            }
            var failover = Assert.Single(await TasksOfTypeAsync(viaN1, "hafailover", ct), t => t["status"]?.GetValue<string>() == "OK");
            var log = await TaskLogAsync(viaN1, failover, ct);
            Assert.Contains($"disk clients cut off (Ceph blocklist): {client}", log, StringComparison.Ordinal);
        }
        finally
        {
            await RemoveAllAsync(viaN1, [vmid], ct);
        }
    }

    [Fact]
    public async Task ClusterWideOutage_StorageFencedVmKeepsRunningInTheSameQemu_NothingIsCutOff()
    {
        Requirements.CephDaemons();
        var ct = TestContext.Current.CancellationToken;
        var (n1, n2, w) = (Lab["n1"], Lab["n2"], Lab["w"]);
        const int vmid = 881;
        using var viaW = await Lab.AdminAsync(w, ct);
        try
        {
            await CreateGuestAsync(viaW, "n1", vmid, lab.GuestImage, ct, storage: HaRbdLab.Storage);
            await AddHaAsync(viaW, vmid, ct);
            await BeatingAsync(n1, vmid, Boot, ct);
            await WaitStorageFencedAsync(n1, vmid, ct);
            var pid = Assert.Single(QemuPidsOf(n1, vmid));
            var client = Assert.Single(await WatchersAsync(vmid, ct));
            await using var console = await SerialConsole.ConnectAsync(n1.SerialSocket(vmid), TimeSpan.FromSeconds(10), ct);
            await using var watch = OneRunWatch.Start([n1, n2], [vmid]);
            foreach (var node in new[] { n1, n2, w })
            {
                await Lab.Lab.IsolateAsync(node.Host!, keepTestAccess: true, ct);
            }
            try
            {
                // Every node loses its lease: n1 says so and keeps the VM; well past the leases' end it still runs.
                await ClusterLab.WaitUntilAsync("n1 reports its lease lost", _ => Task.FromResult(n1.Output.Contains("storage-fenced HA VM(s) keep running", StringComparison.Ordinal)), Failover, ct);
                var beat = await console.WaitForHeartbeatAsync(0, Boot, ct);
                await console.WaitForHeartbeatAsync(beat + 8, Boot, ct);
                Assert.Equal([pid], QemuPidsOf(n1, vmid));
            }
            finally
            {
                await HealAsync(Lab, ct);
            }
            var after = await console.WaitForHeartbeatAsync(console.LastHeartbeat ?? 0, Boot, ct);
            await console.WaitForHeartbeatAsync(after + 2, Boot, ct);
            Assert.DoesNotContain(console.Lines, l => l.StartsWith("GUEST-UP", StringComparison.Ordinal));
            Assert.Equal([pid], QemuPidsOf(n1, vmid));
            Assert.Empty(QemuPidsOf(n2, vmid));
            Assert.DoesNotContain(client, await BlocklistAsync(ct));
            await AssertHaStatusAsync(viaW, [vmid], "n1", ct);
            Assert.Empty(watch.Violations);
        }
        finally
        {
            await RemoveAllAsync(viaW, [vmid], ct);
        }
    }

    /// <summary>Waits until the node has recorded the VM's disk clients (only then does a lost lease spare the VM).</summary>
    private static async Task WaitStorageFencedAsync(CordouandNode node, int vmid, CancellationToken ct) =>
        await ClusterLab.WaitUntilAsync($"{node.NodeName} records VM {vmid}'s disk clients",
            _ => Task.FromResult(node.Output.Contains($"VM {vmid} is storage-fenced", StringComparison.Ordinal)), Recorded, ct);

    private async Task<IReadOnlyList<string>> WatchersAsync(int vmid, CancellationToken ct)
    {
        var status = JsonNode.Parse(await CephToolAsync(ct, "rbd", "status", "--format", "json", $"{lab.Pool}/vm-{vmid}-disk-0"))!;
        return [.. status["watchers"]!.AsArray().Select(w => w!["address"]!.GetValue<string>())];
    }

    /// <summary>The blocklisted addresses, from the plain output (one "ADDRESS UNTIL" line each) an operator reads.</summary>
    private async Task<IReadOnlyList<string>> BlocklistAsync(CancellationToken ct) =>
        [.. (await CephToolAsync(ct, "ceph", "osd", "blocklist", "ls")).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(l => l.Split(' ')[0])];

    private async Task<string> CephToolAsync(CancellationToken ct, params string[] argv) =>
        (await new ProcessRunner().RunCheckedAsync([argv[0], "--conf", lab.Ceph.Conf, .. argv[1..]], ct)).StandardOutput;

    private static async Task<string> TaskLogAsync(PveHttp http, JsonNode task, CancellationToken ct)
    {
        var upid = task["upid"]!.GetValue<string>();
        var node = task["node"]!.GetValue<string>();
        var lines = (await http.GetAsync($"/nodes/{node}/tasks/{Uri.EscapeDataString(upid)}/log", ct, new() { ["limit"] = "1000" })).EnsureOk().Data!.AsArray();
        return string.Join("\n", lines.Select(l => l!["t"]!.GetValue<string>()));
    }
}
