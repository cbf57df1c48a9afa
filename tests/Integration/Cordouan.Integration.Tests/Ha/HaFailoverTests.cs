using System.Diagnostics;
using System.Globalization;
using Cordouan.Integration.Tests.Cluster;
using Cordouan.Integration.Tests.Fixtures;
using Cordouan.Testing;
using Cordouan.Testing.Daemon;
using Xunit;
using static Cordouan.Integration.Tests.Fixtures.Vms;
using static Cordouan.Integration.Tests.Ha.HaProbes;
using static Cordouan.Integration.Tests.Migration.MigrationProbes;

namespace Cordouan.Integration.Tests.Ha;

/// <summary>
/// HA with fencing between two real nodes and a witness (issue 7): a node that loses power or the network has its HA
/// VMs run again on the other node, the guests' disk counters go on from where they were, and no VM ever runs in two
/// QEMUs at once (watched five times a second over every node for the whole test).
/// </summary>
public sealed partial class HaFailoverTests(HaLab lab) : IClassFixture<HaLab>
{
    private ClusterLab Lab => lab.Lab;

    [Fact]
    public async Task ManagerNodePowerLoss_HaVmsRunAgainOnTheOtherNode_CountersGoOn_NeverTwice()
    {
        var ct = TestContext.Current.CancellationToken;
        int[] vmids = [800, 801, 802];
        // Through the witness, which stays up whichever hypervisor dies.
        using var viaW = await Lab.AdminAsync(Lab["w"], ct);
        using var shared = await SharedStorage.AddAsync(viaW, "hashared", ct);
        try
        {
            // The node that dies is the cluster manager's: a new one must be elected before anything is recovered.
            var master = await MasterAsync(viaW, ct);
            var (dead, survivor) = master == "n1" ? (Lab["n1"], Lab["n2"]) : (Lab["n2"], Lab["n1"]);
            using var http = await Lab.AdminAsync(survivor, ct);
            var last = new Dictionary<int, int>();
            foreach (var vmid in vmids)
            {
                await CreateGuestAsync(http, dead.NodeName, vmid, lab.GuestImage, ct, storage: "hashared");
                await AddHaAsync(http, vmid, ct);
            }
            foreach (var vmid in vmids)
            {
                last[vmid] = await BeatingAsync(dead, vmid, Boot, ct);
            }
            var failoversBefore = await FailoversAsync(http, ct);
            await using (var watch = OneRunWatch.Start([dead, survivor], vmids))
            {
                // Power loss: the daemon, its etcd member, its fence guard and every QEMU of the node die at once.
                var clock = Stopwatch.StartNew();
                await dead.Host!.KillProcessesAsync(ct);
                await Task.WhenAll(vmids.Select(async vmid =>
                {
                    var beat = await BeatsAgainAsync(survivor, vmid, ct);
                    TestContext.Current.TestOutputHelper?.WriteLine($"VM {vmid}: beating on {survivor.NodeName} {clock.Elapsed.TotalSeconds:0.0} s after {dead.NodeName}'s power loss, disk counter {last[vmid]} -> {beat}");
                    Assert.True(beat > last[vmid], $"VM {vmid}: the disk counter went back from {last[vmid]} to {beat}");
                }));
                foreach (var vmid in vmids)
                {
                    Assert.Equal(survivor.NodeName, (await VmResourceAsync(http, vmid, ct))["node"]!.GetValue<string>());
                }
                await AssertHaStatusAsync(http, vmids, survivor.NodeName, ct);
                Assert.Equal(survivor.NodeName, await MasterAsync(http, ct));
                // The manager that recovered the VMs (the survivor) counted the failover in its /metrics.
                Assert.True(await FailoversAsync(http, ct) > failoversBefore, "cordouan_ha_failovers_total did not move on the survivor");

                // The dead node comes back: it rejoins, and runs none of the VMs that now run elsewhere.
                await dead.StartAsync(ct);
                await Lab.WaitQuorateAsync(dead, ct);
                await Task.Delay(TimeSpan.FromSeconds(5), ct);
                Assert.All(vmids, vmid => Assert.Empty(QemuPidsOf(dead, vmid)));
                Assert.All(vmids, vmid => Assert.Single(QemuPidsOf(survivor, vmid)));
                Assert.True(watch.Samples > 50, $"the watch looked only {watch.Samples} times");
                Assert.Empty(watch.Violations);
            }
            Assert.Contains(await TasksOfTypeAsync(http, "hafailover", ct), t => t["status"]?.GetValue<string>() == "OK");
        }
        finally
        {
            await RemoveAllAsync(viaW, vmids, ct);
            await viaW.DeleteAsync("/storage/hashared", ct);
        }
    }

    [Fact]
    public async Task NodeCutOff_KillsItsHaVmsBeforeTheyStartElsewhere_LeavesOthersRunning_AndKeepsThemOffAfterHealing()
    {
        const int PlainVmid = 811;
        var ct = TestContext.Current.CancellationToken;
        var (n1, n2) = (Lab["n1"], Lab["n2"]);
        const int vmid = 810;
        using var viaN1 = await Lab.AdminAsync(n1, ct);
        using var shared = await SharedStorage.AddAsync(viaN1, "hashared2", ct);
        try
        {
            await CreateGuestAsync(viaN1, "n2", vmid, lab.GuestImage, ct, storage: "hashared2");
            await AddHaAsync(viaN1, vmid, ct);
            // A VM that is not HA-managed: losing quorum is no reason to kill it.
            await CreateGuestAsync(viaN1, "n2", PlainVmid, lab.GuestImage, ct, start: true);
            var last = await BeatingAsync(n2, vmid, Boot, ct);
            var plain = Assert.Single(QemuPidsOf(n2, PlainVmid));
            await using (var watch = OneRunWatch.Start([n1, n2], [vmid]))
            {
                await Lab.Lab.IsolateAsync(n2.Host!, keepTestAccess: true, ct);
                try
                {
                    var beat = await BeatsAgainAsync(n1, vmid, ct);
                    Assert.True(beat > last, $"the disk counter went back from {last} to {beat}");
                    Assert.Empty(QemuPidsOf(n2, vmid));
                    Assert.Equal([plain], QemuPidsOf(n2, PlainVmid));
                }
                finally
                {
                    await HealAsync(Lab, ct);
                }
                // Back in the cluster, n2 sees that n1 owns the VM now: it does not start it again.
                await Task.Delay(TimeSpan.FromSeconds(5), ct);
                Assert.Empty(QemuPidsOf(n2, vmid));
                Assert.Single(QemuPidsOf(n1, vmid));
                Assert.Equal([plain], QemuPidsOf(n2, PlainVmid));
                Assert.Empty(watch.Violations);
            }
        }
        finally
        {
            await RemoveAllAsync(viaN1, [vmid, PlainVmid], ct);
            await viaN1.DeleteAsync("/storage/hashared2", ct);
        }
    }

    [Fact]
    public async Task DaemonCrash_TheFenceGuardKillsItsHaVmBeforeItRunsElsewhere()
    {
        var ct = TestContext.Current.CancellationToken;
        var (n1, n2) = (Lab["n1"], Lab["n2"]);
        const int vmid = 840;
        using var viaN2 = await Lab.AdminAsync(n2, ct);
        using var shared = await SharedStorage.AddAsync(viaN2, "hashared5", ct);
        try
        {
            await CreateGuestAsync(viaN2, "n1", vmid, lab.GuestImage, ct, storage: "hashared5");
            await AddHaAsync(viaN2, vmid, ct);
            var last = await BeatingAsync(n1, vmid, Boot, ct);
            await using (var watch = OneRunWatch.Start([n1, n2], [vmid]))
            {
                // Only cordouand dies (SIGKILL): the machine, its etcd member and the QEMU stay up. Nothing in the
                // daemon can fence any more; the guard it left running kills the VM at the lease deadline.
                await n1.KillAsync();
                var beat = await BeatsAgainAsync(n2, vmid, ct);
                Assert.True(beat > last, $"the disk counter went back from {last} to {beat}");
                Assert.Empty(QemuPidsOf(n1, vmid));
                Assert.Contains($"killed VM {vmid}", await File.ReadAllTextAsync(n1.Data.Combine("ha-guard.log"), ct), StringComparison.Ordinal);

                await n1.StartAsync(ct);
                await Lab.WaitQuorateAsync(n1, ct);
                await Task.Delay(TimeSpan.FromSeconds(5), ct);
                Assert.Empty(QemuPidsOf(n1, vmid));
                Assert.Empty(watch.Violations);
            }
        }
        finally
        {
            await RemoveAllAsync(viaN2, [vmid], ct);
            await viaN2.DeleteAsync("/storage/hashared5", ct);
        }
    }

    [Fact]
    public async Task QemuCrash_RestartedInPlace_ThenRelocatedOnceMaxRestartIsExceeded()
    {
        var ct = TestContext.Current.CancellationToken;
        var (n1, n2) = (Lab["n1"], Lab["n2"]);
        const int vmid = 820;
        using var viaN1 = await Lab.AdminAsync(n1, ct);
        using var shared = await SharedStorage.AddAsync(viaN1, "hashared3", ct);
        try
        {
            await CreateGuestAsync(viaN1, "n1", vmid, lab.GuestImage, ct, storage: "hashared3");
            await AddHaAsync(viaN1, vmid, ct, maxRestart: 1);
            await BeatingAsync(n1, vmid, Boot, ct);

            var first = Assert.Single(QemuPidsOf(n1, vmid));
            Process.GetProcessById(first).Kill();
            await ClusterLab.WaitUntilAsync("a new QEMU on n1", _ => Task.FromResult(QemuPidsOf(n1, vmid) is [var pid] && pid != first), Failover, ct);
            await BeatsAgainAsync(n1, vmid, ct);
            Assert.Equal("n1", (await VmResourceAsync(viaN1, vmid, ct))["node"]!.GetValue<string>());

            Process.GetProcessById(Assert.Single(QemuPidsOf(n1, vmid))).Kill();
            await BeatsAgainAsync(n2, vmid, ct);
            Assert.Empty(QemuPidsOf(n1, vmid));
            Assert.Equal("n2", (await VmResourceAsync(viaN1, vmid, ct))["node"]!.GetValue<string>());
        }
        finally
        {
            await RemoveAllAsync(viaN1, [vmid], ct);
            await viaN1.DeleteAsync("/storage/hashared3", ct);
        }
    }

    [Fact]
    public async Task DaemonRestart_LeavesHaVmsRunningWhereTheyAre()
    {
        var ct = TestContext.Current.CancellationToken;
        var (n1, n2) = (Lab["n1"], Lab["n2"]);
        const int vmid = 830;
        using var viaN2 = await Lab.AdminAsync(n2, ct);
        using var shared = await SharedStorage.AddAsync(viaN2, "hashared4", ct);
        try
        {
            await CreateGuestAsync(viaN2, "n1", vmid, lab.GuestImage, ct, storage: "hashared4");
            await AddHaAsync(viaN2, vmid, ct);
            await BeatingAsync(n1, vmid, Boot, ct);
            var pid = Assert.Single(QemuPidsOf(n1, vmid));
            await using (var watch = OneRunWatch.Start([n1, n2], [vmid]))
            {
                // A clean stop for an upgrade, longer than the lease: the VM is frozen, not recovered elsewhere.
                await n1.StopAsync();
                await Task.Delay(TimeSpan.FromSeconds(12), ct);
                Assert.Empty(QemuPidsOf(n2, vmid));
                Assert.Contains(await HaServicesAsync(viaN2, ct), s => s["sid"]!.GetValue<string>() == $"vm:{vmid}" && s["state"]!.GetValue<string>() == "freeze");
                await n1.StartAsync(ct);
                await Lab.WaitQuorateAsync(n1, ct);
                await ClusterLab.WaitUntilAsync("the VM is started again in the HA status", async c =>
                    (await HaServicesAsync(viaN2, c)).Any(s => s["sid"]!.GetValue<string>() == $"vm:{vmid}" && s["state"]!.GetValue<string>() == "started"), TimeSpan.FromSeconds(60), ct);
                Assert.Equal([pid], QemuPidsOf(n1, vmid));
                Assert.Empty(watch.Violations);
            }
        }
        finally
        {
            await RemoveAllAsync(viaN2, [vmid], ct);
            await viaN2.DeleteAsync("/storage/hashared4", ct);
        }
    }

    [Fact]
    public async Task ClusterWideOutage_HaVmsOnUnfenceableStorageStopEverywhere_ThenRunOnceEachAfterHealing()
    {
        // The rule for storage that cannot be fenced (dir/NFS): every node that loses its lease stops its HA VMs,
        // since it cannot tell a cluster-wide outage from being the one cut off. Other VMs keep running. Once the
        // network is back each HA VM starts again, once, on the node that owns it.
        const int PlainVmid = 861;
        var ct = TestContext.Current.CancellationToken;
        var (n1, n2, w) = (Lab["n1"], Lab["n2"], Lab["w"]);
        int[] vmids = [860];
        using var viaW = await Lab.AdminAsync(w, ct);
        using var shared = await SharedStorage.AddAsync(viaW, "hashared7", ct);
        try
        {
            await CreateGuestAsync(viaW, "n1", vmids[0], lab.GuestImage, ct, storage: "hashared7");
            await AddHaAsync(viaW, vmids[0], ct);
            await CreateGuestAsync(viaW, "n2", PlainVmid, lab.GuestImage, ct, start: true);
            await BeatingAsync(n1, vmids[0], Boot, ct);
            var plain = Assert.Single(QemuPidsOf(n2, PlainVmid));
            await using var watch = OneRunWatch.Start([n1, n2], vmids);
            foreach (var node in new[] { n1, n2, w })
            {
                await Lab.Lab.IsolateAsync(node.Host!, keepTestAccess: true, ct);
            }
            try
            {
                await ClusterLab.WaitUntilAsync("the HA VM is stopped by its node", _ => Task.FromResult(QemuPidsOf(n1, vmids[0]).Count == 0), Failover, ct);
                Assert.Empty(QemuPidsOf(n2, vmids[0]));
                Assert.Equal([plain], QemuPidsOf(n2, PlainVmid));
            }
            finally
            {
                await HealAsync(Lab, ct);
            }
            await BeatsAgainAsync(n1, vmids[0], ct);
            Assert.Empty(QemuPidsOf(n2, vmids[0]));
            Assert.Equal([plain], QemuPidsOf(n2, PlainVmid));
            Assert.Empty(watch.Violations);
        }
        finally
        {
            await RemoveAllAsync(viaW, [.. vmids, PlainVmid], ct);
            await viaW.DeleteAsync("/storage/hashared7", ct);
        }
    }

    [Fact]
    public async Task Chaos_RandomPowerLossesAndCuts_EveryHaVmEndsRunningExactlyOnce_NeverTwice()
    {
        const int Rounds = 3;
        var ct = TestContext.Current.CancellationToken;
        var (n1, n2) = (Lab["n1"], Lab["n2"]);
        int[] vmids = [850, 851];
        using var viaW = await Lab.AdminAsync(Lab["w"], ct);
        using var shared = await SharedStorage.AddAsync(viaW, "hashared6", ct);
        try
        {
            await CreateGuestAsync(viaW, "n1", vmids[0], lab.GuestImage, ct, storage: "hashared6");
            await CreateGuestAsync(viaW, "n2", vmids[1], lab.GuestImage, ct, storage: "hashared6");
            foreach (var vmid in vmids)
            {
                await AddHaAsync(viaW, vmid, ct);
            }
            await BeatingAsync(n1, vmids[0], Boot, ct);
            await BeatingAsync(n2, vmids[1], Boot, ct);
            var seed = Environment.TickCount;
            var random = new Random(seed);
            TestContext.Current.TestOutputHelper?.WriteLine($"chaos seed {seed}");
            await using var watch = OneRunWatch.Start([n1, n2], vmids);
            for (var round = 1; round <= Rounds; round++)
            {
                var (victim, other) = random.Next(2) == 0 ? (n1, n2) : (n2, n1);
                var powerLoss = random.Next(2) == 0;
                TestContext.Current.TestOutputHelper?.WriteLine($"round {round}: {(powerLoss ? "power loss" : "cut off")} of {victim.NodeName}");
                if (powerLoss)
                {
                    await victim.Host!.KillProcessesAsync(ct);
                }
                else
                {
                    await Lab.Lab.IsolateAsync(victim.Host!, keepTestAccess: true, ct);
                }
                try
                {
                    foreach (var vmid in vmids)
                    {
                        await ClusterLab.WaitUntilAsync($"round {round}: VM {vmid} runs on {other.NodeName} only", _ =>
                            Task.FromResult(QemuPidsOf(other, vmid).Count == 1 && QemuPidsOf(victim, vmid).Count == 0), Failover, ct);
                    }
                }
                finally
                {
                    if (powerLoss)
                    {
                        await victim.StartAsync(ct);
                    }
                    else
                    {
                        await Lab.Lab.HealAllAsync(ct);
                    }
                    await Lab.WaitQuorateAsync(victim, ct);
                    await Lab.WaitQuorateAsync(other, ct);
                }
            }
            foreach (var vmid in vmids)
            {
                var where = Assert.Single([n1, n2], n => QemuPidsOf(n, vmid).Count > 0);
                Assert.Single(QemuPidsOf(where, vmid));
                await BeatingAsync(where, vmid, Boot, ct);
            }
            Assert.Empty(watch.Violations);
        }
        finally
        {
            await RemoveAllAsync(viaW, vmids, ct);
            await viaW.DeleteAsync("/storage/hashared6", ct);
        }
    }
}
