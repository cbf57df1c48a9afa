using System.Net;
using Cordouan.Integration.Tests.Fixtures;
using Xunit;

namespace Cordouan.Integration.Tests.Network;

/// <summary>Per-node traffic networks: <c>cord node set-networks</c>, <c>/nodes/{node}/config</c>, and what <c>/cluster/status</c> and <c>cord cluster status</c> show.</summary>
[Collection("network")]
public sealed class TrafficNetworkTests(NetworkLab lab)
{
    private string ConfigPath => $"/nodes/{lab.NodeName}/config";

    [Fact]
    public async Task SetNetworks_RoundTrip_ShownInClusterStatus_BadValueNamesField_DeleteClears()
    {
        var ct = TestContext.Current.CancellationToken;
        var config = lab.Node.Data.Combine("cord-traffic.json");
        var login = await CordAsync(config, ct, "login", "--server", lab.Node.BaseAddress.ToString(), "--user", "admin@pve",
            "--password-file", lab.Node.Data.Combine("admin-password.in"), "--fingerprint", lab.Node.Fingerprint());
        Assert.True(login.Exit == 0, login.Output);

        var set = await CordAsync(config, ct, "node", "set-networks", lab.NodeName, "--migration", "10.213.77.9/24", "--ceph-public", "10.50.0.0/24");
        Assert.True(set.Exit == 0, set.Output);

        var stored = (await lab.Admin.GetAsync(ConfigPath, ct)).EnsureOk().Data!;
        Assert.Equal("10.213.77.0/24", stored["cordouan-net-migration"]!.GetValue<string>());
        Assert.Equal("10.50.0.0/24", stored["cordouan-net-ceph-public"]!.GetValue<string>());
        Assert.Null(stored["cordouan-net-cluster"]);
        var node = (await lab.Admin.GetAsync("/cluster/status", ct)).EnsureOk().Data!.AsArray()
            .Single(i => i!["type"]!.GetValue<string>() == "node" && i["name"]!.GetValue<string>() == lab.NodeName)!;
        Assert.Equal("10.213.77.0/24", node["cordouan-net-migration"]!.GetValue<string>());
        var status = await CordAsync(config, ct, "cluster", "status");
        Assert.True(status.Exit == 0, status.Output);
        Assert.Contains("migration=10.213.77.0/24 ceph-public=10.50.0.0/24", status.Output, StringComparison.Ordinal);

        var bad = await lab.Admin.PutAsync(ConfigPath, new() { ["cordouan-net-cluster"] = "10.0.0.0/33" }, ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.Contains("not an IPv4 address or CIDR", bad.Error("cordouan-net-cluster"), StringComparison.Ordinal);
        var cliBad = await CordAsync(config, ct, "node", "set-networks", lab.NodeName, "--management", "nope");
        Assert.NotEqual(0, cliBad.Exit);

        // Management and cluster networks the node's API and etcd peer addresses are not in: warned, with what to restart with.
        var misplaced = await CordAsync(config, ct, "node", "set-networks", lab.NodeName, "--management", "10.250.99.0/24", "--cluster", "10.250.98.7");
        Assert.True(misplaced.Exit == 0, misplaced.Output);
        var warnings = (await NodeItemAsync(ct))["cordouan-net-warnings"]!.AsArray().Select(w => w!.GetValue<string>()).ToList();
        Assert.Equal(2, warnings.Count);
        Assert.StartsWith($"API address {lab.Node.Address} is outside the management network 10.250.99.0/24: restart cordouand with --address", warnings[0], StringComparison.Ordinal);
        Assert.StartsWith($"etcd peer address {lab.Node.Address} is outside the cluster network 10.250.98.7:", warnings[1], StringComparison.Ordinal);
        var warned = await CordAsync(config, ct, "cluster", "status");
        Assert.True(warned.Exit == 0, warned.Output);
        // The console wraps long lines: compare words.
        var words = string.Join(' ', warned.Output.Split([' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"WARNING: node {lab.NodeName}: API address {lab.Node.Address} is outside the management network 10.250.99.0/24", words, StringComparison.Ordinal);
        var inside = await CordAsync(config, ct, "node", "set-networks", lab.NodeName, "--management", $"{lab.Node.Address}/24", "--cluster", lab.Node.Address.ToString());
        Assert.True(inside.Exit == 0, inside.Output);
        Assert.Null((await NodeItemAsync(ct))["cordouan-net-warnings"]);

        var clear = await CordAsync(config, ct, "node", "set-networks", lab.NodeName, "--delete", "migration", "ceph-public", "management", "cluster");
        Assert.True(clear.Exit == 0, clear.Output);
        var cleared = (await lab.Admin.GetAsync(ConfigPath, ct)).EnsureOk().Data!;
        Assert.Null(cleared["cordouan-net-migration"]);
        Assert.Null(cleared["cordouan-net-ceph-public"]);
    }

    private async Task<System.Text.Json.Nodes.JsonNode> NodeItemAsync(CancellationToken ct) =>
        (await lab.Admin.GetAsync("/cluster/status", ct)).EnsureOk().Data!.AsArray()
            .Single(i => i!["type"]!.GetValue<string>() == "node" && i["name"]!.GetValue<string>() == lab.NodeName)!;

    private static Task<(int Exit, string Output)> CordAsync(string config, CancellationToken ct, params string[] args) =>
        Cord.RunAsync(config, TimeSpan.FromSeconds(90), ct, args);
}
