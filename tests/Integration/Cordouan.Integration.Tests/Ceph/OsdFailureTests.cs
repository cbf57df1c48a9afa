using System.Diagnostics;
using System.Text.Json.Nodes;
using Cordouan.Integration.Tests.Fixtures;
using Cordouan.Testing;
using Xunit;

namespace Cordouan.Integration.Tests.Ceph;

/// <summary>An OSD killed under a writing guest: the guest goes on, <c>cord ceph status</c> shows the degradation, the OSD comes back.</summary>
[Collection("ceph")]
public sealed class OsdFailureTests(CephCluster cluster)
{
    private const int VmId = 470;
    private readonly RbdLab _lab = new(cluster);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OsdKilled_WhileGuestWrites_GuestGoesOnStatusDegradedThenHealthOk()
    {
        await _lab.EnsureStorageAsync(Ct);
        var cord = await cluster.LoginCordAsync(Ct);
        await _lab.CreateGuestAsync(VmId, RbdLab.Storage, Ct);
        await Fixtures.Vms.StartAsync(cluster.Admin, "node1", VmId, Ct);
        await using var console = await SerialConsole.ConnectAsync(cluster.Node.SerialSocket(VmId), TimeSpan.FromSeconds(10), Ct);
        await console.WaitForHeartbeatAsync(3, RbdLab.Boot, Ct);

        // Test-only flag: the supervisor restarts a killed OSD within a second; noup keeps the new one out of the map
        // so the degraded state lasts until the test has read it.
        await cluster.CephCliAsync(["osd", "set", "noup"], Ct);
        try
        {
            var victim = cluster.DaemonPid("osd.1");
            using (var osd = Process.GetProcessById(victim))
            {
                osd.Kill();
                await osd.WaitForExitAsync(Ct).WaitAsync(TimeSpan.FromSeconds(10), Ct);
            }
            var degraded = await WaitForStatusAsync(s => s["osdmap"]!["num_up_osds"]!.GetValue<int>() == 2 && Checks(s).Contains("PG_DEGRADED"), "osd.1 down and PGs degraded");
            Assert.Equal("HEALTH_WARN", degraded["health"]!["status"]!.GetValue<string>());

            // The guest keeps writing on the two remaining replicas (size 3, min_size 2).
            var beat = console.LastHeartbeat!.Value;
            await console.WaitForHeartbeatAsync(beat + 10, TimeSpan.FromSeconds(60), Ct);

            var status = await Cord.RunAsync(cord, TimeSpan.FromSeconds(90), Ct, "ceph", "status");
            Assert.True(status.Exit == 0, status.Output);
            Assert.Contains("HEALTH_WARN", status.Output, StringComparison.Ordinal);
            Assert.Contains("3 total, 2 up", status.Output, StringComparison.Ordinal);
            Assert.Contains("OSD_DOWN", status.Output, StringComparison.Ordinal);
            Assert.Contains("PG_DEGRADED", status.Output, StringComparison.Ordinal);
            Assert.Contains("degraded", status.Output, StringComparison.Ordinal);

            // cordouand has already started a new osd.1 process; it waits for the flag to be cleared.
            var restarted = cluster.DaemonPid("osd.1");
            Assert.NotEqual(victim, restarted);
            Assert.True(File.Exists($"/proc/{restarted}/stat"), $"osd.1 was not restarted (pid {restarted} gone)");
        }
        finally
        {
            await cluster.CephCliAsync(["osd", "unset", "noup"], CancellationToken.None);
        }
        await cluster.WaitForHealthOkAsync(Ct);
        var healthy = await Cord.RunAsync(cord, TimeSpan.FromSeconds(90), Ct, "ceph", "status");
        Assert.Contains("HEALTH_OK", healthy.Output, StringComparison.Ordinal);
        Assert.Contains("3 total, 3 up, 3 in", healthy.Output, StringComparison.Ordinal);

        var afterRecovery = console.LastHeartbeat!.Value;
        await console.WaitForHeartbeatAsync(afterRecovery + 5, TimeSpan.FromSeconds(60), Ct);
        Assert.DoesNotContain(console.Lines, l => l.Contains("I/O error", StringComparison.OrdinalIgnoreCase) || l.Contains("blk_update_request", StringComparison.Ordinal));

        await Fixtures.Vms.StopAsync(cluster.Admin, "node1", VmId, Ct);
        await Fixtures.Vms.DestroyAsync(cluster.Admin, "node1", VmId, Ct);
    }

    private static HashSet<string> Checks(JsonNode status) =>
        status["health"]?["checks"]?.AsObject().Select(c => c.Key).ToHashSet(StringComparer.Ordinal) ?? [];

    /// <summary>Polls <c>GET …/ceph/status</c> until <paramref name="match"/> holds (60 s), failing with the last status seen.</summary>
    private async Task<JsonNode> WaitForStatusAsync(Func<JsonNode, bool> match, string what)
    {
        var deadline = Stopwatch.StartNew();
        JsonNode? last = null;
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            last = (await cluster.Admin.GetAsync("/nodes/node1/ceph/status", Ct)).EnsureOk().Data!;
            if (match(last))
            {
                return last;
            }
            await Task.Delay(500, Ct);
        }
        throw new TimeoutException($"Ceph status never showed {what} within 60 s; last: {last?.ToJsonString()}");
    }
}
