using System.Net;
using Xunit;

namespace Cordouan.Integration.Tests.Cluster;

/// <summary>Two nodes and a witness: the warning of a two-vote cluster, the witness added, and the loss of either node survived.</summary>
public sealed class WitnessTests
{
    [Fact]
    public async Task TwoNodesAndWitness_EitherNodeLost_SurvivorStaysQuorate()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var lab = await ClusterLab.CreateAsync(ct);
        var a = await lab.StartNodeAsync("wa", ct);
        var b = await lab.StartNodeAsync("wb", ct);
        var witness = await lab.StartNodeAsync("ww", ct, witness: true);
        await lab.CreateClusterAsync("duo", ct);
        await lab.JoinAsync(b, a, ct);

        using (var viaA = await lab.AdminAsync(a, ct))
        {
            var summary = (await ClusterLab.StatusAsync(viaA, ct)).Single(i => i!["type"]!.GetValue<string>() == "cluster")!;
            Assert.Contains("only 2 votes", summary["warning"]!.GetValue<string>(), StringComparison.Ordinal);

            var upid = (await viaA.PostAsync("/cluster/config/witness", new()
            {
                ["hostname"] = $"{witness.Address}:{witness.ApiPort}",
                ["fingerprint"] = witness.Fingerprint(),
                ["password"] = witness.AdminPassword,
            }, ct)).EnsureOk().Data!.GetValue<string>();
            Assert.Equal("OK", await viaA.WaitForTaskAsync(upid, TimeSpan.FromMinutes(2), ct));
            var items = await ClusterLab.StatusAsync(viaA, ct);
            summary = items.Single(i => i!["type"]!.GetValue<string>() == "cluster")!;
            Assert.Equal("ww", summary["witness"]!.GetValue<string>());
            Assert.Null(summary["warning"]);
            Assert.Equal(3, items.Count(i => i!["type"]!.GetValue<string>() == "node" && i["online"]!.GetValue<int>() == 1));
        }
        using (var viaWitness = await lab.AdminAsync(witness, ct))
        {
            var refused = await viaWitness.PostAsync("/nodes/ww/qemu", new() { ["vmid"] = "360", ["memory"] = "64" }, ct);
            Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
            Assert.Contains("is a witness", refused.Error("node"), StringComparison.Ordinal);
        }

        await SurvivesLossAsync(lab, survivor: a, lost: b, vmid: "361", ct);
        await lab.Lab.HealAllAsync(ct);
        await b.StartAsync(ct);
        await ClusterLab.WaitUntilAsync("wb back online", async c =>
        {
            using var viaB = await lab.AdminAsync(b, c);
            return (await ClusterLab.StatusAsync(viaB, c)).Count(i => i!["type"]!.GetValue<string>() == "node" && i["online"]!.GetValue<int>() == 1) == 3;
        }, TimeSpan.FromSeconds(60), ct);
        await SurvivesLossAsync(lab, survivor: b, lost: a, vmid: "362", ct);
    }

    private static async Task SurvivesLossAsync(ClusterLab lab, Testing.Daemon.CordouandNode survivor, Testing.Daemon.CordouandNode lost, string vmid, CancellationToken ct)
    {
        await lost.KillAsync();
        await lost.Host!.KillProcessesAsync(ct);
        using var http = await lab.AdminAsync(survivor, ct);
        await ClusterLab.WaitUntilAsync($"{survivor.NodeName} sees {lost.NodeName} offline", async c =>
            (await ClusterLab.StatusAsync(http, c)).Any(i => i!["name"]?.GetValue<string>() == lost.NodeName && i["online"]?.GetValue<int>() == 0),
            TimeSpan.FromSeconds(30), ct);
        var summary = (await ClusterLab.StatusAsync(http, ct)).Single(i => i!["type"]!.GetValue<string>() == "cluster")!;
        Assert.Equal(1, summary["quorate"]!.GetValue<int>());
        await http.RunTaskAsync(HttpMethod.Post, $"/nodes/{survivor.NodeName}/qemu", new() { ["vmid"] = vmid, ["memory"] = "64" }, ct);
        await http.RunTaskAsync(HttpMethod.Delete, $"/nodes/{survivor.NodeName}/qemu/{vmid}", null, ct);
    }
}
