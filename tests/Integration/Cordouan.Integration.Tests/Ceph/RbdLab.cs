using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Cordouan.Integration.Tests.Fixtures;
using Cordouan.Platform.Processes;
using Cordouan.Testing;
using Cordouan.Testing.Daemon;
using Xunit;

namespace Cordouan.Integration.Tests.Ceph;

/// <summary>
/// The rbd storage the rbd tests share on the <see cref="CephCluster"/>: pool <see cref="Storage"/> created through
/// <c>POST …/ceph/pool add_storages=1</c> on first use, plus checks with Ceph's own <c>rbd</c> CLI.
/// </summary>
public sealed class RbdLab(CephCluster cluster)
{
    public const string Storage = "rbdvms";
    public static readonly TimeSpan Boot = TimeSpan.FromSeconds(120);

    public CephCluster Cluster => cluster;

    public PveHttp Admin => cluster.Admin;

    public string Node => cluster.Node.NodeName;

    /// <summary>Adds the pool with its storage unless a previous test did, then waits until every PG is active+clean.</summary>
    public async Task EnsureStorageAsync(CancellationToken cancellationToken)
    {
        var existing = await Admin.GetAsync($"/storage/{Storage}", cancellationToken);
        if (existing.Status != HttpStatusCode.OK)
        {
            await Admin.RunTaskAsync(HttpMethod.Post, $"/nodes/{Node}/ceph/pool", new()
            {
                ["name"] = Storage,
                ["pg_num"] = "16",
                ["pg_autoscale_mode"] = "off",
                ["add_storages"] = "1",
            }, cancellationToken);
        }
        await cluster.WaitForHealthOkAsync(cancellationToken);
    }

    /// <summary>Image names in the pool, as <c>rbd ls</c> prints them.</summary>
    public async Task<IReadOnlyList<string>> ImagesAsync(CancellationToken cancellationToken) =>
        JsonNode.Parse(await RbdAsync(cancellationToken, "ls", "--format", "json", Storage))!.AsArray().Select(n => n!.GetValue<string>()).ToList();

    /// <summary>Runs Ceph's rbd CLI against the cluster (checks only, never to set anything up).</summary>
    public async Task<string> RbdAsync(CancellationToken cancellationToken, params string[] arguments) =>
        (await new ProcessRunner().RunCheckedAsync(["rbd", "--conf", cluster.Conf, .. arguments], cancellationToken)).StandardOutput;

    /// <summary>A VM with the test guest as scsi0, imported onto <paramref name="storage"/>.</summary>
    public async Task CreateGuestAsync(int vmid, string storage, CancellationToken cancellationToken, bool start = false) =>
        await Fixtures.Vms.CreateGuestAsync(Admin, Node, vmid, await SharedNode.GuestImageAsync(cancellationToken), cancellationToken, start: start, storage: storage);

    /// <summary>Starts the VM and waits for its guest's heartbeat to pass <paramref name="beats"/>; returns the GUEST-UP line.</summary>
    public async Task<string> StartAndWaitForHeartbeatAsync(int vmid, int beats, CancellationToken cancellationToken)
    {
        await Fixtures.Vms.StartAsync(Admin, Node, vmid, cancellationToken);
        await using var console = await SerialConsole.ConnectAsync(cluster.Node.SerialSocket(vmid), TimeSpan.FromSeconds(10), cancellationToken);
        var up = await console.WaitForLineAsync(l => l.StartsWith("GUEST-UP", StringComparison.Ordinal), Boot, cancellationToken);
        await console.WaitForHeartbeatAsync(beats, Boot, cancellationToken);
        return up;
    }

    /// <summary>Clones a VM through the API and returns the seconds from the request to the task's end (status polled every 20 ms).</summary>
    public async Task<double> CloneAsync(int source, int newId, bool full, CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        var upid = (await Admin.PostAsync(Fixtures.Vms.Path(Node, source, "/clone"), new()
        {
            ["newid"] = newId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["full"] = full ? "1" : "0",
        }, cancellationToken)).EnsureOk().Data!.GetValue<string>();
        var exit = await WaitForTaskAsync(upid, cancellationToken);
        var seconds = started.Elapsed.TotalSeconds;
        Assert.True(exit == "OK", $"clone {source} -> {newId}: {exit}");
        return seconds;
    }

    /// <summary>Task exit status, polled every 20 ms (fine enough to time a ~0.1 s clone), bounded by two minutes.</summary>
    public async Task<string> WaitForTaskAsync(string upid, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromMinutes(2));
        while (true)
        {
            var status = (await Admin.GetAsync($"/nodes/{Node}/tasks/{Uri.EscapeDataString(upid)}/status", deadline.Token)).EnsureOk().Data!;
            if (status["status"]!.GetValue<string>() == "stopped")
            {
                return status["exitstatus"]!.GetValue<string>();
            }
            await Task.Delay(20, deadline.Token);
        }
    }

    /// <summary>The disk a VM's config names for <paramref name="key"/> (the volume id, options stripped).</summary>
    public async Task<string> DiskAsync(int vmid, string key, CancellationToken cancellationToken) =>
        (await Admin.GetAsync(Fixtures.Vms.Path(Node, vmid, "/config"), cancellationToken)).EnsureOk().Data![key]!.GetValue<string>().Split(',')[0];
}
