using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Xunit;

namespace Cordouan.Integration.Tests.Cluster;

/// <summary>Any node answers for the whole cluster: VM operations proxied to the owner, cluster-wide ids and digests.</summary>
[Collection("cluster3")]
public sealed class ClusterProxyTests(ThreeNodeCluster cluster)
{
    private ClusterLab Lab => cluster.Lab;

    [Fact]
    public async Task VmOperations_ThroughNonOwner_SameResultsAsOnOwner()
    {
        var ct = TestContext.Current.CancellationToken;
        using var viaN2 = await Lab.AdminAsync(Lab["n2"], ct);
        using var viaN1 = await Lab.AdminAsync(Lab["n1"], ct);
        const string vm = "/nodes/n1/qemu/350";
        await viaN2.RunTaskAsync(HttpMethod.Post, "/nodes/n1/qemu", new() { ["vmid"] = "350", ["memory"] = "64", ["name"] = "proxied" }, ct);
        (await viaN2.PutAsync(vm + "/config", new() { ["description"] = "set through n2", ["cores"] = "2" }, ct)).EnsureOk();
        Assert.Equal(
            (await viaN1.GetAsync(vm + "/config", ct)).EnsureOk().Data!.ToJsonString(),
            (await viaN2.GetAsync(vm + "/config", ct)).EnsureOk().Data!.ToJsonString());
        await viaN2.RunTaskAsync(HttpMethod.Post, vm + "/status/start", null, ct);
        Assert.Equal("running", (await viaN2.GetAsync(vm + "/status/current", ct)).EnsureOk().Data!["status"]!.GetValue<string>());
        await viaN2.RunTaskAsync(HttpMethod.Post, vm + "/snapshot", new() { ["snapname"] = "s1" }, ct);
        Assert.Contains("s1", (await viaN2.GetAsync(vm + "/snapshot", ct)).EnsureOk().Data!.ToJsonString(), StringComparison.Ordinal);
        await viaN2.RunTaskAsync(HttpMethod.Post, vm + "/status/stop", null, ct);
        Assert.Equal("stopped", (await viaN1.GetAsync(vm + "/status/current", ct)).EnsureOk().Data!["status"]!.GetValue<string>());
        await viaN2.RunTaskAsync(HttpMethod.Delete, vm, null, ct);
        Assert.Equal(HttpStatusCode.InternalServerError, (await viaN1.GetAsync(vm + "/config", ct)).Status);
    }

    [Fact]
    public async Task Config_StaleDigestFromOtherNode_Rejected()
    {
        var ct = TestContext.Current.CancellationToken;
        using var viaN1 = await Lab.AdminAsync(Lab["n1"], ct);
        using var viaN3 = await Lab.AdminAsync(Lab["n3"], ct);
        await viaN1.RunTaskAsync(HttpMethod.Post, "/nodes/n1/qemu", new() { ["vmid"] = "351", ["memory"] = "64" }, ct);
        var digest = (await viaN3.GetAsync("/nodes/n1/qemu/351/config", ct)).EnsureOk().Data!["digest"]!.GetValue<string>();
        (await viaN1.PutAsync("/nodes/n1/qemu/351/config", new() { ["memory"] = "96", ["digest"] = digest }, ct)).EnsureOk();
        var stale = await viaN3.PutAsync("/nodes/n1/qemu/351/config", new() { ["memory"] = "128", ["digest"] = digest }, ct);
        Assert.NotEqual(HttpStatusCode.OK, stale.Status);
        Assert.Contains("detected modified configuration", stale.Message ?? stale.Reason, StringComparison.Ordinal);
        Assert.Equal("96", (await viaN3.GetAsync("/nodes/n1/qemu/351/config", ct)).EnsureOk().Data!["memory"]!.ToString());
        await viaN1.RunTaskAsync(HttpMethod.Delete, "/nodes/n1/qemu/351", null, ct);
    }

    [Fact]
    public async Task NextId_500ConcurrentCallsOnThreeNodes_NeverCollide()
    {
        var ct = TestContext.Current.CancellationToken;
        var clients = new List<Testing.Daemon.PveHttp>();
        foreach (var node in Lab.Nodes)
        {
            clients.Add(await Lab.AdminAsync(node, ct));
        }
        try
        {
            // A reservation lives 30 s (Proxmox clients create the VM right after asking): an id may come back only
            // after its reservation expired, never while it holds.
            var clock = System.Diagnostics.Stopwatch.StartNew();
            // Each id was issued somewhere between its request's send and its answer: a reuse is proven early only when the
            // later answer came before the earlier request was even sent + the reservation (slow answers under load are not).
            var ids = new ConcurrentBag<(int Id, TimeSpan Sent, TimeSpan Received)>();
            await Parallel.ForAsync(0, 500, new ParallelOptions { MaxDegreeOfParallelism = 12, CancellationToken = ct }, async (i, c) =>
            {
                var sent = clock.Elapsed;
                var response = (await clients[i % clients.Count].GetAsync("/cluster/nextid", c)).EnsureOk();
                ids.Add((int.Parse(response.Data!.GetValue<string>(), CultureInfo.InvariantCulture), sent, clock.Elapsed));
            });
            Assert.Equal(500, ids.Count);
            foreach (var reused in ids.GroupBy(i => i.Id).Where(g => g.Count() > 1))
            {
                var calls = reused.OrderBy(r => r.Sent).ToList();
                Assert.True(calls.Zip(calls.Skip(1)).All(p => p.Second.Received - p.First.Sent > TimeSpan.FromSeconds(25)),
                    $"VMID {reused.Key} handed out at {string.Join(", ", calls.Select(t => $"{t.Sent.TotalSeconds:0.0}–{t.Received.TotalSeconds:0.0} s"))} while still reserved");
            }
            TestContext.Current.SendDiagnosticMessage($"500 nextid calls in {clock.Elapsed.TotalSeconds:0.0} s, {ids.Select(i => i.Id).Distinct().Count()} distinct ids");
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }
}
