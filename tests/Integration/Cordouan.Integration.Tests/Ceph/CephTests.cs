using System.Diagnostics;
using System.Globalization;
using System.Net;
using Cordouan.Platform.Processes;
using Cordouan.Testing;
using Xunit;

namespace Cordouan.Integration.Tests.Ceph;

/// <summary>Ceph deployed and supervised by cordouand, checked through the API against the real cluster.</summary>
[Collection("ceph")]
public sealed class CephTests(CephCluster cluster)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Status_MicroCluster_ReportsHealthQuorumAndOsds()
    {
        await cluster.WaitForHealthOkAsync(Ct);
        var status = (await cluster.Admin.GetAsync("/nodes/node1/ceph/status", Ct)).EnsureOk().Data!;
        Assert.Equal("HEALTH_OK", status["health"]!["status"]!.GetValue<string>());
        Assert.Equal(["node1"], status["quorum_names"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal(3, status["osdmap"]!["num_up_osds"]!.GetValue<int>());
        Assert.Equal(3, status["osdmap"]!["num_in_osds"]!.GetValue<int>());
        var clusterStatus = (await cluster.Admin.GetAsync("/cluster/ceph/status", Ct)).EnsureOk().Data!;
        Assert.Equal(status["fsid"]!.GetValue<string>(), clusterStatus["fsid"]!.GetValue<string>());

        var mons = (await cluster.Admin.GetAsync("/nodes/node1/ceph/mon", Ct)).EnsureOk().Data!.AsArray();
        var mon = Assert.Single(mons)!;
        Assert.Equal(("node1", 1, "node1"), (mon["name"]!.GetValue<string>(), mon["quorum"]!.GetValue<int>(), mon["host"]!.GetValue<string>()));
        var mgr = Assert.Single((await cluster.Admin.GetAsync("/nodes/node1/ceph/mgr", Ct)).EnsureOk().Data!.AsArray())!;
        Assert.Equal("active", mgr["state"]!.GetValue<string>());
        var osds = (await cluster.Admin.GetAsync("/nodes/node1/ceph/osd", Ct)).EnsureOk().Data!["root"]!["children"]![0]!["children"]!
            .AsArray().SelectMany(host => host!["children"]!.AsArray()).ToList();
        Assert.Equal(3, osds.Count);
        Assert.All(osds, o => Assert.Equal(("up", 1), (o!["status"]!.GetValue<string>(), o["in"]!.GetValue<int>())));
        var pool = (await cluster.Admin.GetAsync($"/nodes/node1/ceph/pool/{CephCluster.Pool}", Ct)).EnsureOk().Data!;
        Assert.Equal((3, 2, 16, "rbd"), (pool["size"]!.GetValue<int>(), pool["min_size"]!.GetValue<int>(), pool["pg_num"]!.GetValue<int>(), pool["application"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Supervisor_OsdKilled_RestartsItAndHealthReturns()
    {
        await cluster.WaitForHealthOkAsync(Ct);
        var before = cluster.DaemonPid("osd.0");
        using (var osd = Process.GetProcessById(before))
        {
            osd.Kill();
            await osd.WaitForExitAsync(Ct).WaitAsync(TimeSpan.FromSeconds(10), Ct);
        }
        var deadline = Stopwatch.StartNew();
        while (!(File.Exists(PidFile("osd.0")) && TryPid("osd.0") is { } pid && pid != before && IsAlive(pid)))
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(30), $"osd.0 (pid {before}) was not restarted within 30 s");
            await Task.Delay(200, Ct);
        }
        await cluster.WaitForHealthOkAsync(Ct);
    }

    [Fact]
    public async Task Supervisor_CordouandStoppedAndStarted_AdoptsRunningDaemons()
    {
        await cluster.WaitForHealthOkAsync(Ct);
        string[] daemons = ["mon.node1", "mgr.node1", "osd.0", "osd.1"];
        var before = daemons.Select(cluster.DaemonPid).ToArray();

        await cluster.Node.StopAsync();
        Assert.All(before, pid => Assert.True(IsAlive(pid), $"pid {pid} died with cordouand"));
        await cluster.Node.StartAsync(Ct);

        var deadline = Stopwatch.StartNew();
        while (!cluster.Node.Output.Contains("Adopted running Ceph daemon osd.1", StringComparison.Ordinal))
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(30), "cordouand did not report adopting the daemons:\n" + cluster.Node.Output);
            await Task.Delay(200, Ct);
        }
        Assert.Equal(before, daemons.Select(cluster.DaemonPid).ToArray());
        await cluster.WaitForHealthOkAsync(Ct);
    }

    [Fact]
    public async Task OsdDestroy_WithCleanup_DeviceTakesANewOsd()
    {
        await cluster.WaitForHealthOkAsync(Ct);
        // OSDs were created in parallel: read which device osd.2 got.
        var device = new FileInfo(cluster.Node.Data.Combine("ceph", "osd", "ceph-2", "block")).LinkTarget!;
        await cluster.Admin.RunTaskAsync(HttpMethod.Delete, "/nodes/node1/ceph/osd/2", new() { ["cleanup"] = "1" }, Ct);
        var tree = (await cluster.Admin.GetAsync("/nodes/node1/ceph/osd", Ct)).EnsureOk().Data!.ToJsonString();
        Assert.DoesNotContain("\"osd.2\"", tree, StringComparison.Ordinal);
        // cleanup wiped the label, so the device is accepted again without zap.
        await cluster.Admin.RunTaskAsync(HttpMethod.Post, "/nodes/node1/ceph/osd", new() { ["dev"] = device }, Ct);
        await cluster.WaitForHealthOkAsync(Ct);
        var status = (await cluster.Admin.GetAsync("/nodes/node1/ceph/status", Ct)).EnsureOk().Data!;
        Assert.Equal(3, status["osdmap"]!["num_up_osds"]!.GetValue<int>());
    }

    [Fact]
    public async Task OsdCreate_DeviceWithPartitionTable_RefusedUntilZapThenTaken()
    {
        Requirements.Program("sfdisk", "apt-get install fdisk");
        await cluster.WaitForHealthOkAsync(Ct);
        var device = cluster.SpareDevice.Path;
        // A real GPT with one Linux partition, as sfdisk writes it on an operator's disk (the kernel is not told: a
        // loop device without partscan cannot re-read it, and the table on disk is what the check must see).
        await new ProcessRunner().RunCheckedAsync(["sfdisk", "--quiet", "--no-tell-kernel", "--wipe", "always", device], Ct, "label: gpt\n,,L\n");
        var before = await PartitionTableAsync(device);
        Assert.Contains("label: gpt", before, StringComparison.Ordinal);

        var refused = await cluster.Admin.PostAsync("/nodes/node1/ceph/osd", new() { ["dev"] = device }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("has a partition table", refused.Error("dev"), StringComparison.Ordinal);
        Assert.Contains("zap=1", refused.Error("dev"), StringComparison.Ordinal);
        Assert.Equal(before, await PartitionTableAsync(device));
        Assert.DoesNotContain(OsdDevices(), d => d.Device == device);

        await cluster.Admin.RunTaskAsync(HttpMethod.Post, "/nodes/node1/ceph/osd", new() { ["dev"] = device, ["zap"] = "1" }, Ct);
        var osd = Assert.Single(OsdDevices(), d => d.Device == device).Id;
        var tree = (await cluster.Admin.GetAsync("/nodes/node1/ceph/osd", Ct)).EnsureOk().Data!.ToJsonString();
        Assert.Contains($"\"osd.{osd}\"", tree, StringComparison.Ordinal);
        var dump = await new ProcessRunner().RunAsync(["sfdisk", "--dump", device], Ct);
        Assert.DoesNotContain("label:", dump.StandardOutput, StringComparison.Ordinal);

        // Leave the cluster as the other tests expect it: three OSDs, the spare device free.
        await cluster.Admin.RunTaskAsync(HttpMethod.Delete, $"/nodes/node1/ceph/osd/{osd}", new() { ["cleanup"] = "1" }, Ct);
        Assert.DoesNotContain(OsdDevices(), d => d.Device == device);
        await cluster.WaitForHealthOkAsync(Ct);
    }

    [Fact]
    public async Task Refusals_BadRequests_Answer400AndChangeNothing()
    {
        var admin = cluster.Admin;
        var init = await admin.PostAsync("/nodes/node1/ceph/init", new() { ["network"] = "127.0.0.0/8" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, init.Status);
        Assert.Contains("already initialized", init.Error("network"), StringComparison.Ordinal);
        // Without network (and no ceph-public setting on this node) the answer is still "already initialized".
        var bare = await admin.PostAsync("/nodes/node1/ceph/init", null, Ct);
        Assert.Contains("already initialized", bare.Error("network"), StringComparison.Ordinal);

        var mon = await admin.PostAsync("/nodes/node1/ceph/mon/second", null, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, mon.Status);
        Assert.Contains("already has monitor 'node1'", mon.Error("monid"), StringComparison.Ordinal);

        var inUse = await admin.PostAsync("/nodes/node1/ceph/osd", new() { ["dev"] = cluster.OsdDevices[0].Path }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, inUse.Status);
        Assert.Contains("is the device of osd.", inUse.Error("dev"), StringComparison.Ordinal);
        var zapInUse = await admin.PostAsync("/nodes/node1/ceph/osd", new() { ["dev"] = cluster.OsdDevices[0].Path, ["zap"] = "1" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, zapInUse.Status);

        var mbr = new byte[512];
        mbr[510] = 0x55;
        mbr[511] = 0xAA;
        await cluster.SpareDevice.WriteAsync(0, mbr, Ct);
        var partitioned = await admin.PostAsync("/nodes/node1/ceph/osd", new() { ["dev"] = cluster.SpareDevice.Path }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, partitioned.Status);
        Assert.Contains("partition table", partitioned.Error("dev"), StringComparison.Ordinal);
        Assert.Contains("zap", partitioned.Error("dev"), StringComparison.Ordinal);

        var notDevice = await admin.PostAsync("/nodes/node1/ceph/osd", new() { ["dev"] = "/dev/null-not-here" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, notDevice.Status);

        var badSize = await admin.PostAsync("/nodes/node1/ceph/pool", new() { ["name"] = "bad", ["size"] = "9" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, badSize.Status);
        Assert.NotNull(badSize.Error("size"));
        var badMin = await admin.PostAsync("/nodes/node1/ceph/pool", new() { ["name"] = "bad", ["size"] = "2", ["min_size"] = "3" }, Ct);
        Assert.NotNull(badMin.Error("min_size"));
        var storages = await admin.PostAsync("/nodes/node1/ceph/pool", new() { ["name"] = "bad", ["size"] = "9", ["add_storages"] = "1" }, Ct);
        Assert.NotNull(storages.Error("size"));
        var twice = await admin.PostAsync("/nodes/node1/ceph/pool", new() { ["name"] = CephCluster.Pool }, Ct);
        Assert.Contains("already exists", twice.Error("name"), StringComparison.Ordinal);

        Assert.NotNull((await admin.DeleteAsync("/nodes/node1/ceph/pool/nosuchpool", Ct)).Error("name"));
        Assert.NotNull((await admin.DeleteAsync("/nodes/node1/ceph/osd/77", Ct)).Error("osdid"));
        Assert.NotNull((await admin.DeleteAsync("/nodes/node1/ceph/mon/nosuchmon", Ct)).Error("monid"));

        var pools = (await admin.GetAsync("/nodes/node1/ceph/pool", Ct)).EnsureOk().Data!.AsArray();
        Assert.DoesNotContain(pools, p => p!["pool_name"]!.GetValue<string>() == "bad");
    }

    [Fact]
    public async Task PoolCreate_SizeAboveOsdCount_EndsWithWarningAndDestroyRemovesIt()
    {
        var upid = (await cluster.Admin.PostAsync("/nodes/node1/ceph/pool", new() { ["name"] = "wide", ["size"] = "4", ["pg_num"] = "8" }, Ct)).EnsureOk().Data!.GetValue<string>();
        var exit = await cluster.Admin.WaitForTaskAsync(upid, TimeSpan.FromMinutes(1), Ct);
        Assert.Equal("WARNINGS: 1", exit);
        var log = (await cluster.Admin.GetAsync($"/nodes/node1/tasks/{Uri.EscapeDataString(upid)}/log", Ct)).EnsureOk().Data!.ToJsonString();
        Assert.Contains("larger than the number of OSDs", log, StringComparison.Ordinal);
        await cluster.Admin.RunTaskAsync(HttpMethod.Delete, "/nodes/node1/ceph/pool/wide", null, Ct);
        var pools = (await cluster.Admin.GetAsync("/nodes/node1/ceph/pool", Ct)).EnsureOk().Data!.AsArray();
        Assert.DoesNotContain(pools, p => p!["pool_name"]!.GetValue<string>() == "wide");
    }

    private static async Task<string> PartitionTableAsync(string device) =>
        (await new ProcessRunner().RunCheckedAsync(["sfdisk", "--dump", device], Ct)).StandardOutput;

    /// <summary>This node's OSDs and the device each one's <c>block</c> link names.</summary>
    private List<(int Id, string Device)> OsdDevices() =>
        Directory.EnumerateDirectories(cluster.Node.Data.Combine("ceph", "osd"), "ceph-*")
            .Select(d => (int.Parse(Path.GetFileName(d)["ceph-".Length..], CultureInfo.InvariantCulture), new FileInfo(Path.Combine(d, "block")).LinkTarget ?? ""))
            .ToList();

    private string PidFile(string name) => cluster.Node.Data.Combine("run", "ceph", name + ".pid");

    private int? TryPid(string name)
    {
        try
        {
            return int.Parse(File.ReadAllText(PidFile(name)).Trim(), CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or FormatException)
        {
            return null;
        }
    }

    private static bool IsAlive(int pid) => File.Exists($"/proc/{pid}/stat") && File.ReadAllText($"/proc/{pid}/stat").Split(") ")[^1][0] != 'Z';
}
