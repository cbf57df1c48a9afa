using System.Net;
using Xunit;

namespace Cordouan.Integration.Tests.Cluster;

/// <summary>A node cut off from the others keeps its VM, answers from its last known state, refuses writes, and heals alone.</summary>
[Collection("cluster3")]
public sealed class ClusterQuorumTests(ThreeNodeCluster cluster)
{
    private ClusterLab Lab => cluster.Lab;

    [Fact]
    public async Task Partition_MinorityNode_KeepsVmRunningRefusesWritesAndHealsByItself()
    {
        var ct = TestContext.Current.CancellationToken;
        var n3 = Lab["n3"];
        using var viaN3 = await Lab.AdminAsync(n3, ct);
        using var viaN1 = await Lab.AdminAsync(Lab["n1"], ct);
        await viaN3.RunTaskAsync(HttpMethod.Post, "/nodes/n3/qemu", new() { ["vmid"] = "340", ["memory"] = "64", ["name"] = "minority", ["start"] = "1" }, ct);
        var pid = (await viaN3.GetAsync("/nodes/n3/qemu/340/status/current", ct)).EnsureOk().Data!["pid"]!.GetValue<int>();

        await Lab.Lab.IsolateAsync(n3.Host!, keepTestAccess: true, ct);
        try
        {
            var lost = await ClusterLab.WaitUntilAsync("n3 reports not quorate", async c =>
                (await ClusterLab.StatusAsync(viaN3, c)).Single(i => i!["type"]!.GetValue<string>() == "cluster")!["quorate"]!.GetValue<int>() == 0,
                TimeSpan.FromSeconds(15), ct);
            TestContext.Current.SendDiagnosticMessage($"n3 reported not quorate {lost.TotalSeconds:0.0} s after the partition");

            var write = await viaN3.PutAsync("/nodes/n3/qemu/340/config", new() { ["description"] = "written without quorum" }, ct);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, write.Status);
            Assert.Contains("cluster not quorate", write.Message, StringComparison.Ordinal);

            var read = await viaN3.GetAsync("/nodes/n3/qemu/340/status/current", ct);
            Assert.Equal(HttpStatusCode.OK, read.Status);
            Assert.Equal("running", read.Data!["status"]!.GetValue<string>());
            Assert.Equal(pid, read.Data!["pid"]!.GetValue<int>());

            // The majority goes on: it still creates VMs.
            await viaN1.RunTaskAsync(HttpMethod.Post, "/nodes/n1/qemu", new() { ["vmid"] = "341", ["memory"] = "64", ["name"] = "majority" }, ct);
        }
        finally
        {
            await Lab.Lab.HealAllAsync(ct);
        }
        var healed = await ClusterLab.WaitUntilAsync("n3 quorate again after the heal", async c =>
            (await ClusterLab.StatusAsync(viaN3, c)).Single(i => i!["type"]!.GetValue<string>() == "cluster")!["quorate"]!.GetValue<int>() == 1,
            TimeSpan.FromSeconds(30), ct);
        TestContext.Current.SendDiagnosticMessage($"n3 quorate again {healed.TotalSeconds:0.0} s after the heal");
        await ClusterLab.WaitUntilAsync("n3 accepts writes again", async c =>
            (await viaN3.PutAsync("/nodes/n3/qemu/340/config", new() { ["description"] = "written after the heal" }, c)).Status == HttpStatusCode.OK,
            TimeSpan.FromSeconds(30), ct);
        Assert.Contains("majority", (await viaN3.GetAsync("/cluster/resources", ct, new() { ["type"] = "vm" })).EnsureOk().Data!.ToJsonString(), StringComparison.Ordinal);

        await viaN3.RunTaskAsync(HttpMethod.Post, "/nodes/n3/qemu/340/status/stop", null, ct);
        await viaN3.RunTaskAsync(HttpMethod.Delete, "/nodes/n3/qemu/340", null, ct);
        await viaN1.RunTaskAsync(HttpMethod.Delete, "/nodes/n1/qemu/341", null, ct);
    }
}
