using System.Text.Json.Nodes;
using Cordouan.Testing.Daemon;
using Xunit;

namespace Cordouan.Integration.Tests.Cluster;

/// <summary>The real `cord` binary joining a node to the cluster and taking it out again, with a pinned certificate.</summary>
[Collection("cluster3")]
public sealed class ClusterCliTests(ThreeNodeCluster cluster)
{
    private ClusterLab Lab => cluster.Lab;

    [Fact]
    public async Task Cord_JoinWithPinnedLoginThenLeave_FollowsTheRestartsAndKeepsWorking()
    {
        var ct = TestContext.Current.CancellationToken;
        var n1 = Lab["n1"];
        var host = await Lab.Lab.AddHostAsync("n8", ct);
        await using var node = new CordouandNode(host, "n8");
        await node.StartAsync(ct);
        var config = node.Data.Combine("cord.json");
        var clusterPassword = node.Data.Combine("cluster-password");
        await File.WriteAllTextAsync(clusterPassword, Lab.ClusterPassword, ct);

        var login = await RunAsync(config, ct, "login", "--server", node.BaseAddress.ToString(), "--user", "admin@pve",
            "--password-file", node.Data.Combine("admin-password.in"), "--fingerprint", node.Fingerprint());
        Assert.True(login.Exit == 0, login.Output);

        var join = await RunAsync(config, ct, "cluster", "join", $"{n1.Address}:{n1.ApiPort}", "--fingerprint", n1.Fingerprint(), "--password-file", clusterPassword);
        Assert.True(join.Exit == 0, join.Output);
        Assert.Contains("vouched for by the cluster", join.Output, StringComparison.Ordinal);

        var status = await RunAsync(config, ct, "--output", "json", "cluster", "status");
        Assert.True(status.Exit == 0, status.Output);
        var names = JsonNode.Parse(status.Output)!.AsArray().Where(i => i!["type"]!.GetValue<string>() == "node").Select(i => i!["name"]!.GetValue<string>());
        Assert.Equal(["n1", "n2", "n3", "n8"], names.Order());

        var leave = await RunAsync(config, ct, "cluster", "leave");
        Assert.True(leave.Exit == 0, leave.Output);
        using var viaN1 = await Lab.AdminAsync(n1, ct);
        await ClusterLab.WaitUntilAsync("n8 gone from the cluster", async c =>
            !(await ClusterLab.StatusAsync(viaN1, c)).ToJsonString().Contains("\"n8\"", StringComparison.Ordinal), TimeSpan.FromSeconds(30), ct);
        using var viaN8 = await node.AdminAsync(ct);
        Assert.Single(await ClusterLab.StatusAsync(viaN8, ct), i => i!["type"]!.GetValue<string>() == "node");
    }

    private static Task<(int Exit, string Output)> RunAsync(string config, CancellationToken ct, params string[] args) =>
        Fixtures.Cord.RunAsync(config, TimeSpan.FromSeconds(150), ct, args);
}
