using System.Net;
using System.Text.Json.Nodes;
using Xunit;

namespace Cordouan.Integration.Tests.Cluster;

/// <summary>Status, join refusals, delnode and re-join of a reinstalled node, on a real three-node cluster.</summary>
[Collection("cluster3")]
public sealed class ClusterMembershipTests(ThreeNodeCluster cluster)
{
    private ClusterLab Lab => cluster.Lab;

    [Fact]
    public async Task Status_ThreeNodes_EveryNodeSeesAllOnlineQuorateAndOneLeader()
    {
        var ct = TestContext.Current.CancellationToken;
        foreach (var node in Lab.Nodes)
        {
            using var http = await Lab.AdminAsync(node, ct);
            var items = await ClusterLab.StatusAsync(http, ct);
            var summary = items.Single(i => i!["type"]!.GetValue<string>() == "cluster")!;
            Assert.Equal("lab3", summary["name"]!.GetValue<string>());
            Assert.Equal(1, summary["quorate"]!.GetValue<int>());
            Assert.Equal(3, summary["nodes"]!.GetValue<int>());
            Assert.Null(summary["warning"]);
            var nodes = items.Where(i => i!["type"]!.GetValue<string>() == "node").ToList();
            Assert.Equal(["n1", "n2", "n3"], nodes.Select(n => n!["name"]!.GetValue<string>()).Order());
            Assert.All(nodes, n => Assert.Equal(1, n!["online"]!.GetValue<int>()));
            Assert.Single(nodes, n => n!["leader"]!.GetValue<int>() == 1);
            Assert.Equal(node.NodeName, nodes.Single(n => n!["local"]!.GetValue<int>() == 1)!["name"]!.GetValue<string>());
            Assert.Equal(3, nodes.Select(n => n!["nodeid"]!.GetValue<int>()).Distinct().Count());
        }
        using var n1 = await Lab.AdminAsync(Lab["n1"], ct);
        var configNodes = (JsonArray)(await n1.GetAsync("/cluster/config/nodes", ct)).EnsureOk().Data!;
        Assert.Equal(3, configNodes.Count);
        Assert.All(configNodes, n => Assert.StartsWith("https://10.213.", n!["ring0_addr"]!.GetValue<string>(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Join_BadInput_ClearErrorAndClusterUnchanged()
    {
        var ct = TestContext.Current.CancellationToken;
        var n1 = Lab["n1"];
        // A standalone node that takes a name already in the cluster.
        var stranger = await Lab.StartNodeAsync("n2", ct, host: await Lab.Lab.AddHostAsync("n4", ct));
        try
        {
            var wrongFingerprint = await ClusterLab.PostJoinAsync(stranger, n1, Lab.ClusterPassword, ct, fingerprint: string.Join(':', Enumerable.Repeat("AA", 32)));
            Assert.Equal(HttpStatusCode.BadRequest, wrongFingerprint.Status);
            Assert.Contains("has fingerprint", wrongFingerprint.Error("fingerprint"), StringComparison.Ordinal);

            var wrongPassword = await ClusterLab.PostJoinAsync(stranger, n1, "not-the-password", ct);
            Assert.Equal(HttpStatusCode.BadRequest, wrongPassword.Status);
            Assert.Contains("authentication failed", wrongPassword.Error("password"), StringComparison.Ordinal);

            var unreachable = await ClusterLab.PostJoinAsync(stranger, n1, Lab.ClusterPassword, ct, hostname: $"{n1.Address}:8007");
            Assert.Equal(HttpStatusCode.BadRequest, unreachable.Status);
            Assert.Contains("cannot reach", unreachable.Error("hostname"), StringComparison.Ordinal);

            var nameInUse = await ClusterLab.PostJoinAsync(stranger, n1, Lab.ClusterPassword, ct);
            Assert.Equal(HttpStatusCode.BadRequest, nameInUse.Status);
            Assert.Contains("already used in cluster 'lab3'", nameInUse.Error("node"), StringComparison.Ordinal);

            // A member cannot join (another) cluster without leaving first.
            using var n2 = await Lab.AdminAsync(Lab.Nodes.First(n => n.NodeName == "n2" && n != stranger), ct);
            var member = await n2.PostAsync("/cluster/config/join", new()
            {
                ["hostname"] = $"{n1.Address}:8006",
                ["fingerprint"] = n1.Fingerprint(),
                ["password"] = Lab.ClusterPassword,
            }, ct);
            Assert.Equal(HttpStatusCode.BadRequest, member.Status);
            Assert.Contains("already belongs to cluster 'lab3'", member.Error("hostname"), StringComparison.Ordinal);
        }
        finally
        {
            await Lab.DestroyNodeAsync(stranger);
        }
        using var http = await Lab.AdminAsync(n1, ct);
        Assert.Equal(3, ((JsonArray)(await http.GetAsync("/cluster/config/nodes", ct)).EnsureOk().Data!).Count);
    }

    [Fact]
    public async Task Join_NewMemberCannotStart_RolledBackWithoutOrphanMember()
    {
        var ct = TestContext.Current.CancellationToken;
        // This node's etcd starts as usual but refuses to start as a member of an existing cluster (as a full disk or a
        // taken port would): the join must fail after the learner was added, undo itself on both sides, and leave the
        // node exactly as it was.
        var host = await Lab.Lab.AddHostAsync("n6", ct);
        using var scripts = new Testing.TempDirectory("etcd-wrapper");
        var wrapper = scripts.Combine("etcd-refusing-joins");
        await File.WriteAllTextAsync(wrapper, "#!/bin/sh\ncase \"$*\" in *initial-cluster-state=existing*) echo 'refusing to join (test)' >&2; exit 3;; esac\nexec etcd \"$@\"\n", ct);
        File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var stray = new Testing.Daemon.CordouandNode(host, "n6", ["--etcd-binary", wrapper]);
        try
        {
            await stray.StartAsync(ct);
            var upid = (await ClusterLab.PostJoinAsync(stray, Lab["n1"], Lab.ClusterPassword, ct)).EnsureOk().Data!.GetValue<string>();
            var exit = await Lab.WaitForRestartedTaskAsync(stray, upid, ct, password: stray.AdminPassword);
            Assert.Contains("back to its state before the join", exit, StringComparison.Ordinal);

            using var viaStray = await stray.AdminAsync(ct);
            var alone = await ClusterLab.StatusAsync(viaStray, ct);
            Assert.Equal(["n6"], alone.Where(i => i!["type"]!.GetValue<string>() == "node").Select(i => i!["name"]!.GetValue<string>()));
            using var n1 = await Lab.AdminAsync(Lab["n1"], ct);
            Assert.DoesNotContain("n6", (await n1.GetAsync("/cluster/config/join", ct)).EnsureOk().Data!.ToJsonString(), StringComparison.Ordinal);
            await ClusterLab.WaitUntilAsync("the learner added for n6 removed from etcd", async c => await EtcdMemberCountAsync(c) == 3, TimeSpan.FromSeconds(30), ct);
        }
        finally
        {
            await stray.DisposeAsync();
        }
    }

    /// <summary>etcd's own member list, read inside n1's namespace with etcdctl.</summary>
    private async Task<int> EtcdMemberCountAsync(CancellationToken cancellationToken)
    {
        var result = await Lab["n1"].Host!.RunAsync(Lab["n1"].Host!.Command(["etcdctl", "--endpoints", Lab["n1"].EtcdClientUrl, .. Lab["n1"].EtcdctlTlsArguments, "member", "list"]), cancellationToken);
        return result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
    }

    [Fact]
    public async Task DelNode_DeadNodeOwningVm_RefusedUnlessForcedThenReinstalledNodeRejoins()
    {
        var ct = TestContext.Current.CancellationToken;
        var n3 = Lab["n3"];
        var host = n3.Host!;
        using (var viaN3 = await Lab.AdminAsync(n3, ct))
        {
            await viaN3.RunTaskAsync(HttpMethod.Post, "/nodes/n3/qemu", new() { ["vmid"] = "330", ["memory"] = "64", ["name"] = "left-behind" }, ct);
        }
        await Lab.DestroyNodeAsync(n3);
        using var n1 = await Lab.AdminAsync(Lab["n1"], ct);
        await ClusterLab.WaitUntilAsync("n3 offline as seen by n1", async c =>
            (await ClusterLab.StatusAsync(n1, c)).Any(i => i!["name"]?.GetValue<string>() == "n3" && i["online"]?.GetValue<int>() == 0),
            TimeSpan.FromSeconds(30), ct);

        var refused = await n1.DeleteAsync("/cluster/config/nodes/n3", ct);
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("still owns 1 VM(s) (330)", refused.Error("node"), StringComparison.Ordinal);
        (await n1.DeleteAsync("/cluster/config/nodes/n3", ct, new() { ["force"] = "1" })).EnsureOk();
        var after = (JsonArray)(await n1.GetAsync("/cluster/config/nodes", ct)).EnsureOk().Data!;
        Assert.Equal(["n1", "n2"], after.Select(n => n!["node"]!.GetValue<string>()).Order());

        // The same machine, reinstalled (empty data), joins again under the same name and finds its VM.
        var reinstalled = await Lab.StartNodeAsync("n3", ct, host: host);
        await Lab.JoinAsync(reinstalled, Lab["n1"], ct);
        using var viaReinstalled = await Lab.AdminAsync(reinstalled, ct);
        var status = await ClusterLab.StatusAsync(viaReinstalled, ct);
        Assert.Equal(3, status.Count(i => i!["type"]!.GetValue<string>() == "node" && i["online"]!.GetValue<int>() == 1));
        await viaReinstalled.RunTaskAsync(HttpMethod.Delete, "/nodes/n3/qemu/330", null, ct);
    }
}
