using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Cordouan.Testing;
using Cordouan.Testing.Daemon;
using Xunit;

namespace Cordouan.Integration.Tests.Ceph;

/// <summary>
/// One micro Ceph cluster for the Ceph tests, built only through Cordouan's API on a single cordouand: init, one
/// monitor, one manager, three OSDs on loop devices, pool <see cref="Pool"/> (16 PGs, size 3), then HEALTH_OK with
/// every PG active+clean. Teardown stops cordouand, kills every process using this cluster's ceph.conf and detaches
/// every loop device, whatever state the tests left.
/// </summary>
public sealed class CephCluster : IAsyncLifetime
{
    public const string Pool = "vms";
    public static readonly TimeSpan HealthTimeout = TimeSpan.FromSeconds(90);
    private readonly List<LoopDevice> _devices = [];

    public CordouandNode Node { get; } = new("node1");

    public PveHttp Admin { get; private set; } = null!;

    public IReadOnlyList<LoopDevice> OsdDevices => _devices[..3];

    /// <summary>A fourth device, never an OSD at start (refusal tests write on it).</summary>
    public LoopDevice SpareDevice => _devices[3];

    public string Conf => Node.Data.Combine("ceph", "ceph.conf");

    /// <summary>Seconds from <c>init</c> to HEALTH_OK with every PG active+clean (reported, never asserted).</summary>
    public double BringUpSeconds { get; private set; }

    public async ValueTask InitializeAsync()
    {
        Requirements.Ceph();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(4));
        var ct = timeout.Token;
        await Node.StartAsync(ct);
        Admin = await Node.AdminAsync(ct);
        for (var i = 0; i < 4; i++)
        {
            _devices.Add(await LoopDevice.CreateAsync(Node.Data.Combine($"disk{i}.img"), 3L << 30, ct));
        }
        var started = Stopwatch.StartNew();
        (await Admin.PostAsync("/nodes/node1/ceph/init", new() { ["network"] = "127.0.0.0/8", ["failure-domain"] = "osd" }, ct)).EnsureOk();
        var port = FreePortPair();
        await Admin.RunTaskAsync(HttpMethod.Post, "/nodes/node1/ceph/mon", new() { ["mon-address"] = $"127.0.0.1:{port}" }, ct);
        // This shared disk is often under 30 % free, which Ceph reports as MON_DISK_LOW: not what these tests are about.
        await CephCliAsync(["config", "set", "mon", "mon_data_avail_warn", "1"], ct);
        var mon = started.Elapsed.TotalSeconds;
        // The manager takes ~15 s to register; OSDs do not need it, so both are created at once.
        await Task.WhenAll(OsdDevices.Select(d => Admin.RunTaskAsync(HttpMethod.Post, "/nodes/node1/ceph/osd", new() { ["dev"] = d.Path }, ct))
            .Append(Admin.RunTaskAsync(HttpMethod.Post, "/nodes/node1/ceph/mgr", null, ct)));
        var daemons = started.Elapsed.TotalSeconds;
        await Admin.RunTaskAsync(HttpMethod.Post, "/nodes/node1/ceph/pool", new() { ["name"] = Pool, ["pg_num"] = "16", ["pg_autoscale_mode"] = "off" }, ct);
        var pool = started.Elapsed.TotalSeconds;
        await WaitForHealthOkAsync(ct);
        BringUpSeconds = started.Elapsed.TotalSeconds;
        TestContext.Current.SendDiagnosticMessage(
            $"Ceph through Cordouan: init → HEALTH_OK, 3 OSDs, pool active+clean in {BringUpSeconds:0.0} s (mon {mon:0.0}, mgr and OSDs {daemons:0.0}, pool {pool:0.0})");
    }

    /// <summary>Waits until health is HEALTH_OK and every PG is active+clean; fails with the last status seen.</summary>
    public async Task WaitForHealthOkAsync(CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(HealthTimeout);
        JsonNode? last = null;
        try
        {
            while (true)
            {
                var response = await Admin.GetAsync("/nodes/node1/ceph/status", deadline.Token);
                last = response.Body;
                if (response.Status == HttpStatusCode.OK && IsHealthyAndClean(response.Data!))
                {
                    return;
                }
                await Task.Delay(500, deadline.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"Ceph not HEALTH_OK with all PGs active+clean after {HealthTimeout.TotalSeconds} s; last status: {last?.ToJsonString()}");
        }
    }

    public static bool IsHealthyAndClean(JsonNode status)
    {
        if (status["health"]?["status"]?.GetValue<string>() != "HEALTH_OK")
        {
            return false;
        }
        var pgmap = status["pgmap"]!;
        var total = pgmap["num_pgs"]!.GetValue<int>();
        var clean = pgmap["pgs_by_state"]!.AsArray().Where(s => s!["state_name"]!.GetValue<string>() == "active+clean").Sum(s => s!["count"]!.GetValue<int>());
        return total > 0 && clean == total;
    }

    /// <summary>The pid in a daemon's pidfile (written by the daemon itself).</summary>
    public int DaemonPid(string name) =>
        int.Parse(File.ReadAllText(Node.Data.Combine("run", "ceph", name + ".pid")).Trim(), CultureInfo.InvariantCulture);

    /// <summary>Runs Ceph's own CLI against this cluster (for checks and test-only settings, never to deploy).</summary>
    public Task<string> CephCliAsync(string[] arguments, CancellationToken cancellationToken) => CephProcesses.CliAsync(Conf, arguments, cancellationToken);

    /// <summary>Logs <c>cord</c> in to this node as admin; returns the CLI config file to pass to <see cref="Fixtures.Cord"/>.</summary>
    public async Task<string> LoginCordAsync(CancellationToken cancellationToken)
    {
        var config = Node.Data.Combine("cord-ceph.json");
        var login = await Fixtures.Cord.RunAsync(config, TimeSpan.FromSeconds(90), cancellationToken, "login", "--server", Node.BaseAddress.ToString(),
            "--user", "admin@pve", "--password-file", Node.Data.Combine("admin-password.in"), "--fingerprint", Node.Fingerprint());
        Assert.True(login.Exit == 0, login.Output);
        return config;
    }

    public async ValueTask DisposeAsync()
    {
        Admin?.Dispose();
        // cordouand first, so its supervisor cannot start a daemon again while we stop them.
        await Node.StopAsync();
        await CephProcesses.KillUsingAsync(Conf);
        foreach (var device in _devices)
        {
            await device.DisposeAsync();
        }
        await Node.DisposeAsync();
    }

    /// <summary>A free port P with P+1 also free (the monitor's v2 and v1 ports).</summary>
    private static int FreePortPair()
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var port = PortAllocator.Next();
            try
            {
                using var next = new TcpListener(IPAddress.Loopback, port + 1);
                next.Start();
                return port;
            }
            catch (SocketException)
            {
                // Taken: try another.
            }
        }
        throw new InvalidOperationException("no free pair of loopback ports");
    }
}

[CollectionDefinition("ceph")]
public sealed class CephClusterCollection : ICollectionFixture<CephCluster>;
