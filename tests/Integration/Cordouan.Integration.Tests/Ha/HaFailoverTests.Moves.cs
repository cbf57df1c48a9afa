using System.Net;
using Cordouan.Integration.Tests.Cluster;
using Cordouan.Integration.Tests.Fixtures;
using Cordouan.Testing;
using Xunit;
using static Cordouan.Integration.Tests.Fixtures.Vms;
using static Cordouan.Integration.Tests.Ha.HaProbes;
using static Cordouan.Integration.Tests.Migration.MigrationProbes;

namespace Cordouan.Integration.Tests.Ha;

/// <summary>
/// Moves of a running HA VM: <c>POST /cluster/ha/resources/{sid}/migrate|relocate</c> (the VM's node moves it live, or
/// stops, moves and restarts it), and failback to the higher-priority node of its group when that node is back.
/// </summary>
public sealed partial class HaFailoverTests
{
    [Fact]
    public async Task MigrateThenRelocateRequests_MoveTheRunningVmLiveThenWithARestart_BadRequestsRefused()
    {
        var ct = TestContext.Current.CancellationToken;
        var (n1, n2) = (Lab["n1"], Lab["n2"]);
        const int vmid = 870;
        const string Sid = "vm:870";
        using var http = await Lab.AdminAsync(n1, ct);
        using var shared = await SharedStorage.AddAsync(http, "hashared8", ct);
        try
        {
            await CreateGuestAsync(http, "n1", vmid, lab.GuestImage, ct, storage: "hashared8");
            await AddHaAsync(http, vmid, ct);
            var last = await BeatingAsync(n1, vmid, Boot, ct);

            var unknown = await http.PostAsync($"/cluster/ha/resources/{Sid}/migrate", new() { ["node"] = "nosuch" }, ct);
            Assert.Equal((HttpStatusCode.BadRequest, "no such cluster node 'nosuch'"), (unknown.Status, unknown.Error("node")));
            var witness = await http.PostAsync($"/cluster/ha/resources/{Sid}/relocate", new() { ["node"] = "w" }, ct);
            Assert.Equal((HttpStatusCode.BadRequest, "node 'w' is a witness: it runs no VMs"), (witness.Status, witness.Error("node")));
            Assert.Equal(HttpStatusCode.BadRequest, (await http.PostAsync($"/cluster/ha/resources/{Sid}/migrate", new(), ct)).Status);
            var missing = await http.PostAsync("/cluster/ha/resources/vm:879/migrate", new() { ["node"] = "n2" }, ct);
            Assert.Equal((HttpStatusCode.InternalServerError, "no such resource 'vm:879'"), (missing.Status, missing.Reason));
            Assert.Single(QemuPidsOf(n1, vmid));

            var accepted = (await http.PostAsync($"/cluster/ha/resources/{Sid}/migrate", new() { ["node"] = "n2" }, ct)).EnsureOk().Data!;
            Assert.Equal((Sid, "n2"), (accepted["sid"]!.GetValue<string>(), accepted["requested-node"]!.GetValue<string>()));
            await ClusterLab.WaitUntilAsync("the VM runs on n2 only", _ => Task.FromResult(QemuPidsOf(n2, vmid).Count == 1 && QemuPidsOf(n1, vmid).Count == 0), Failover, ct);
            await using (var console = await SerialConsole.ConnectAsync(n2.SerialSocket(vmid), TimeSpan.FromSeconds(10), ct))
            {
                // Live: the guest goes on beating from its counter, without booting again.
                var beat = await console.WaitForHeartbeatAsync(last, Boot, ct);
                await console.WaitForHeartbeatAsync(beat + 2, Boot, ct);
                Assert.DoesNotContain(console.Lines, l => l.StartsWith("GUEST-UP", StringComparison.Ordinal));
                last = console.LastHeartbeat!.Value;
            }
            await AssertHaStatusAsync(http, [vmid], "n2", ct);

            (await http.PostAsync($"/cluster/ha/resources/{Sid}/relocate", new() { ["node"] = "n1" }, ct)).EnsureOk();
            var again = await BeatsAgainAsync(n1, vmid, ct);
            Assert.True(again > last, $"the disk counter went back from {last} to {again}");
            Assert.Empty(QemuPidsOf(n2, vmid));
            await AssertHaStatusAsync(http, [vmid], "n1", ct);
        }
        finally
        {
            await RemoveAllAsync(http, [vmid], ct);
            await http.DeleteAsync("/storage/hashared8", ct);
        }
    }

    [Fact]
    public async Task Failback_PreferredNodeBackAfterPowerLoss_VmMigratesBackLive_UnlessNoFailback()
    {
        var ct = TestContext.Current.CancellationToken;
        var (n1, n2) = (Lab["n1"], Lab["n2"]);
        int[] vmids = [875, 876];
        using var viaW = await Lab.AdminAsync(Lab["w"], ct);
        using var shared = await SharedStorage.AddAsync(viaW, "hashared9", ct);
        try
        {
            (await viaW.PostAsync("/cluster/ha/groups", new() { ["group"] = "prefer-n1", ["nodes"] = "n1:2,n2:1" }, ct)).EnsureOk();
            (await viaW.PostAsync("/cluster/ha/groups", new() { ["group"] = "stay", ["nodes"] = "n1:2,n2:1", ["nofailback"] = "1" }, ct)).EnsureOk();
            foreach (var (vmid, group) in vmids.Zip(["prefer-n1", "stay"]))
            {
                await CreateGuestAsync(viaW, "n1", vmid, lab.GuestImage, ct, storage: "hashared9");
                (await viaW.PostAsync("/cluster/ha/resources", new() { ["sid"] = $"vm:{vmid}", ["group"] = group }, ct)).EnsureOk();
            }
            foreach (var vmid in vmids)
            {
                await BeatingAsync(n1, vmid, Boot, ct);
            }
            await n1.Host!.KillProcessesAsync(ct);
            foreach (var vmid in vmids)
            {
                await BeatsAgainAsync(n2, vmid, ct);
            }

            await n1.StartAsync(ct);
            await Lab.WaitQuorateAsync(n1, ct);
            // Back on n1 live: its QEMU there, none on n2, and the guest did not boot again.
            await ClusterLab.WaitUntilAsync("VM 875 fails back to n1", _ => Task.FromResult(QemuPidsOf(n1, vmids[0]).Count == 1 && QemuPidsOf(n2, vmids[0]).Count == 0), Failover, ct);
            await using (var console = await SerialConsole.ConnectAsync(n1.SerialSocket(vmids[0]), TimeSpan.FromSeconds(10), ct))
            {
                var beat = await console.WaitForHeartbeatAsync(0, Boot, ct);
                await console.WaitForHeartbeatAsync(beat + 1, Boot, ct);
                Assert.DoesNotContain(console.Lines, l => l.StartsWith("GUEST-UP", StringComparison.Ordinal));
            }
            await AssertHaStatusAsync(viaW, [vmids[0]], "n1", ct);
            // nofailback: the other one stays where it was recovered.
            Assert.Single(QemuPidsOf(n2, vmids[1]));
            Assert.Empty(QemuPidsOf(n1, vmids[1]));
        }
        finally
        {
            await RemoveAllAsync(viaW, vmids, ct);
            await viaW.DeleteAsync("/cluster/ha/groups/prefer-n1", ct);
            await viaW.DeleteAsync("/cluster/ha/groups/stay", ct);
            await viaW.DeleteAsync("/storage/hashared9", ct);
        }
    }
}
