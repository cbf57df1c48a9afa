using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Cordouan.Integration.Tests.Cluster;
using Cordouan.Integration.Tests.Fixtures;
using Cordouan.Testing;
using Cordouan.Testing.Daemon;
using Xunit;
using static Cordouan.Integration.Tests.Fixtures.Vms;
using static Cordouan.Integration.Tests.Migration.MigrationProbes;

namespace Cordouan.Integration.Tests.Ceph;

/// <summary>
/// Ceph spread over two Cordouan nodes (issue 5), deployed through each node's own API on its traffic networks
/// (issue 9): init without <c>network</c>, a monitor, an OSD per node, a pool with one replica per node; a guest on it
/// boots on n1 and, moved to n2, goes on counting where it stopped.
/// </summary>
public sealed class CephTwoNodeTests(CephPairLab lab) : IClassFixture<CephPairLab>
{
    private const string Pool = "pairvms";
    private const int VmId = 470;
    private static readonly TimeSpan Boot = TimeSpan.FromSeconds(120);

    private ClusterLab Lab => lab.Lab;

    [Fact]
    public async Task TwoNodes_CephOnTheirTrafficNetworks_GuestDiskFollowsTheVmToTheOtherNode()
    {
        var ct = TestContext.Current.CancellationToken;
        var (n1, n2) = (Lab["n1"], Lab["n2"]);
        using var viaN1 = await Lab.AdminAsync(n1, ct);
        using var viaN2 = await Lab.AdminAsync(n2, ct);
        var started = Stopwatch.StartNew();

        // n1's Ceph networks as CIDRs, set with the CLI; n2's as addresses, set through the API: its lab address, and a
        // second address on the cluster subnet that Ceph would not pick by itself (it takes the interface's first one).
        var n2Replication = $"10.214.{Lab.Lab.Index}.102";
        await n2.Host!.RunAsync(["ip", "addr", "add", n2Replication + "/24", "dev", "eth0"], ct);
        var cord = await lab.LoginCordAsync(n1, ct);
        var set = await Cord.RunAsync(cord, TimeSpan.FromSeconds(90), ct, "node", "set-networks", "n1", "--ceph-public", lab.PublicSubnet, "--ceph-cluster", lab.ClusterSubnet);
        Assert.True(set.Exit == 0, set.Output);
        (await viaN1.PutAsync("/nodes/n2/config", new()
        {
            ["cordouan-net-ceph-public"] = n2.Address.ToString(),
            ["cordouan-net-ceph-cluster"] = n2Replication,
        }, ct)).EnsureOk();
        var init = await Cord.RunAsync(cord, TimeSpan.FromSeconds(90), ct, "ceph", "init", "--node", "n1", "--size", "2", "--min-size", "1");
        Assert.True(init.Exit == 0, init.Output);
        var conf = await File.ReadAllTextAsync(CephPairLab.Conf(n1), ct);
        Assert.Contains($"\tpublic_network = {lab.PublicSubnet}\n", conf, StringComparison.Ordinal);
        Assert.Contains($"\tcluster_network = {lab.ClusterSubnet}\n", conf, StringComparison.Ordinal);

        // Monitors one after the other (the second joins the first's map), each through its own node, no address given.
        await viaN1.RunTaskAsync(HttpMethod.Post, "/nodes/n1/ceph/mon", null, ct);
        await viaN2.RunTaskAsync(HttpMethod.Post, "/nodes/n2/ceph/mon", null, ct);
        // This shared disk is often under 30 % free, which Ceph reports as MON_DISK_LOW: not what this test is about.
        await CephAsync(n1, ct, "config", "set", "mon", "mon_data_avail_warn", "1");
        var mons = started.Elapsed.TotalSeconds;
        await Task.WhenAll(
            viaN1.RunTaskAsync(HttpMethod.Post, "/nodes/n1/ceph/mgr", null, ct),
            viaN1.RunTaskAsync(HttpMethod.Post, "/nodes/n1/ceph/osd", new() { ["dev"] = lab.Device("n1").Path }, ct),
            viaN2.RunTaskAsync(HttpMethod.Post, "/nodes/n2/ceph/osd", new() { ["dev"] = lab.Device("n2").Path }, ct));
        await viaN1.RunTaskAsync(HttpMethod.Post, "/nodes/n1/ceph/pool", new()
        {
            ["name"] = Pool,
            ["size"] = "2",
            ["min_size"] = "1",
            ["pg_num"] = "8",
            ["pg_autoscale_mode"] = "off",
            ["add_storages"] = "1",
        }, ct);
        await WaitForHealthOkAsync(viaN2, ct);
        TestContext.Current.SendDiagnosticMessage(
            $"Ceph over two nodes: networks, init, 2 mons in {mons:0.0} s; mgr, 2 OSDs, pool, HEALTH_OK in {started.Elapsed.TotalSeconds:0.0} s");

        // Each monitor at its node's address in the public network; n2's at the address its setting names.
        var monmap = JsonNode.Parse(await CephAsync(n1, ct, "mon", "dump", "--format", "json"))!["mons"]!.AsArray();
        Assert.Equal(
            new[] { ("n1", n1.Address.ToString()), ("n2", n2.Address.ToString()) },
            monmap.Select(m => (m!["name"]!.GetValue<string>(), MonIp(m))).Order().ToList());
        // One OSD under each node's CRUSH host, talking to clients on the public network and to each other on the cluster
        // one, at the address each node's settings give.
        var tree = JsonNode.Parse(await CephAsync(n1, ct, "osd", "tree", "--format", "json"))!["nodes"]!.AsArray();
        var hosts = tree.Where(n => n!["type"]!.GetValue<string>() == "host")
            .ToDictionary(h => h!["name"]!.GetValue<string>(), h => h!["children"]!.AsArray().Select(c => c!.GetValue<int>()).ToList());
        Assert.Equal("n1,n2", string.Join(',', hosts.Keys.Order()));
        Assert.All(hosts.Values, osds => Assert.Single(osds));
        var osdMap = JsonNode.Parse(await CephAsync(n1, ct, "osd", "dump", "--format", "json"))!["osds"]!.AsArray();
        foreach (var (host, osds) in hosts)
        {
            var node = Lab[host];
            var osd = osdMap.Single(o => o!["osd"]!.GetValue<int>() == osds[0])!;
            Assert.Equal(node.Address.ToString(), Ip(osd["public_addr"]!.GetValue<string>()));
            Assert.Equal(node == n2 ? n2Replication : lab.ClusterAddress(node), Ip(osd["cluster_addr"]!.GetValue<string>()));
        }
        // Every PG has its two copies on the two nodes' OSDs.
        var pgs = JsonNode.Parse(await CephAsync(n1, ct, "pg", "ls-by-pool", Pool, "--format", "json"))!["pg_stats"]!.AsArray();
        Assert.Equal(8, pgs.Count);
        Assert.All(pgs, pg => Assert.Equal(hosts.Values.Select(o => o[0]).Order(), pg!["acting"]!.AsArray().Select(a => a!.GetValue<int>()).Order()));

        await CreateGuestAsync(viaN1, "n1", VmId, lab.GuestImage, ct, start: true, storage: Pool);
        int before;
        int firstStart;
        await using (var console = await SerialConsole.ConnectAsync(n1.SerialSocket(VmId), TimeSpan.FromSeconds(10), ct))
        {
            firstStart = SerialConsole.ParseStartCounter(await console.WaitForLineAsync(l => l.StartsWith("GUEST-UP", StringComparison.Ordinal), Boot, ct));
            await console.WaitForHeartbeatAsync(firstStart + 3, Boot, ct);
            await StopAsync(viaN1, "n1", VmId, ct);
            before = console.LastHeartbeat!.Value;
        }
        var upid = (await viaN1.PostAsync(Path("n1", VmId, "/migrate"), new() { ["target"] = "n2" }, ct)).EnsureOk().Data!.GetValue<string>();
        Assert.Equal("OK", await viaN1.WaitForTaskAsync(upid, TimeSpan.FromMinutes(2), ct));
        Assert.Equal("n2", (await VmResourceAsync(viaN1, VmId, ct))["node"]!.GetValue<string>());
        await StartAsync(viaN2, "n2", VmId, ct);
        await using (var console = await SerialConsole.ConnectAsync(n2.SerialSocket(VmId), TimeSpan.FromSeconds(10), ct))
        {
            var start = SerialConsole.ParseStartCounter(await console.WaitForLineAsync(l => l.StartsWith("GUEST-UP", StringComparison.Ordinal), Boot, ct));
            // The guest stores each beat before printing it, and may store one more before the stop lands.
            Assert.InRange(start, before, before + 2);
            await console.WaitForHeartbeatAsync(start + 2, Boot, ct);
        }
        await StopAsync(viaN2, "n2", VmId, ct);
        await DestroyAsync(viaN2, "n2", VmId, ct);
        TestContext.Current.SendDiagnosticMessage($"two-node Ceph test done in {started.Elapsed.TotalSeconds:0.0} s");
    }

    private static Task<string> CephAsync(CordouandNode node, CancellationToken ct, params string[] arguments) =>
        CephProcesses.CliAsync(CephPairLab.Conf(node), arguments, ct);

    /// <summary>The IP of a monitor entry (its v2 address in <c>public_addrs</c>).</summary>
    private static string MonIp(JsonNode mon) => Ip(mon["public_addrs"]!["addrvec"]![0]!["addr"]!.GetValue<string>());

    /// <summary><c>10.0.0.1:6800/1234</c> → <c>10.0.0.1</c>.</summary>
    private static string Ip(string address) => address.Split('/')[0][..address.Split('/')[0].LastIndexOf(':')];

    private static async Task WaitForHealthOkAsync(PveHttp http, CancellationToken ct)
    {
        JsonNode? last = null;
        try
        {
            await ClusterLab.WaitUntilAsync("HEALTH_OK with every PG active+clean", async c =>
            {
                var response = await http.GetAsync("/nodes/n2/ceph/status", c);
                last = response.Body;
                return response.Status == HttpStatusCode.OK && CephCluster.IsHealthyAndClean(response.Data!);
            }, CephCluster.HealthTimeout, ct);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}; last status: {last?.ToJsonString()}", e);
        }
    }
}
