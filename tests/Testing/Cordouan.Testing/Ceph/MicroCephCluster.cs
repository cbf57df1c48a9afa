using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Cordouan.Platform.Processes;
using Xunit;

namespace Cordouan.Testing.Ceph;

/// <summary>
/// A real one-OSD Ceph cluster (1 mon, 1 mgr, 1 file-backed bluestore OSD, pools of size 1) in a temp dir on free
/// loopback ports, brought up with Ceph's own tools as <c>shared/ceph/micro-cluster-up.sh</c> does, for tests of Ceph
/// clients (the rbd storage) that do not test Cordouan's deployment of Ceph. Ready once the OSD is up and the manager
/// (which answers <c>ceph df</c>) is available. Dispose stops exactly the daemons whose pidfiles it wrote. If Ceph is
/// not installed the fixture stays idle; tests call <see cref="Requirements.CephDaemons"/>.
/// </summary>
public sealed class MicroCephCluster : IAsyncLifetime
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(90);
    private const int PoolsAhead = 3;
    private readonly ProcessRunner _runner = new();
    private readonly Queue<Task<string>> _readyPools = new();
    private readonly List<Task> _deletions = [];
    private readonly string _address;
    private TempDirectory? _directory;

    public MicroCephCluster()
        : this(System.Net.IPAddress.Loopback)
    {
    }

    private MicroCephCluster(System.Net.IPAddress address) => _address = address.ToString();

    /// <summary>
    /// A cluster whose monitor and OSD listen on <paramref name="address"/> instead of 127.0.0.1: the test process's
    /// address on a lab switch, so that nodes in the lab's namespaces reach it (and appear to Ceph by their own address).
    /// Start it with <see cref="InitializeAsync"/>.
    /// </summary>
    public static MicroCephCluster ListeningOn(System.Net.IPAddress address) => new(address);

    public string Conf => Combine("ceph.conf");

    public string AdminKeyringPath => Combine("client.admin.keyring");

    /// <summary>The admin keyring's contents (what an operator pastes into an external rbd storage's <c>keyring</c>).</summary>
    public string AdminKeyring => File.ReadAllText(AdminKeyringPath);

    /// <summary>The monitor's v1 address, in the form Proxmox's <c>monhost</c> takes.</summary>
    public string MonHost { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        if (Requirements.FindOnPath("ceph-osd") is null || Requirements.FindOnPath("ceph-mgr") is null)
        {
            return;
        }
        using var deadline = new CancellationTokenSource(ReadyTimeout);
        var ct = deadline.Token;
        _directory = new TempDirectory("cordouan-microceph");
        foreach (var sub in new[] { "mon", "mgr/ceph-x", "osd/ceph-0", "run", "log" })
        {
            Directory.CreateDirectory(Combine(sub));
        }
        var (v1, v2) = (PortAllocator.Next(), PortAllocator.Next());
        MonHost = $"{_address}:{v1}";
        var fsid = Guid.NewGuid().ToString();
        await File.WriteAllTextAsync(Conf, ConfText(fsid, v1, v2), ct);
        await RunAsync(ct, "ceph-authtool", "--create-keyring", Combine("mon.keyring"), "--gen-key", "-n", "mon.", "--cap", "mon", "allow *");
        await RunAsync(ct, "ceph-authtool", "--create-keyring", AdminKeyringPath, "--gen-key", "-n", "client.admin",
            "--cap", "mon", "allow *", "--cap", "osd", "allow *", "--cap", "mds", "allow *", "--cap", "mgr", "allow *");
        await RunAsync(ct, "ceph-authtool", Combine("mon.keyring"), "--import-keyring", AdminKeyringPath);
        await RunAsync(ct, "monmaptool", "--create", "--addv", "a", $"[v2:{_address}:{v2},v1:{_address}:{v1}]", "--fsid", fsid, Combine("monmap"));
        await RunAsync(ct, "ceph-mon", "-c", Conf, "--mkfs", "-i", "a", "--monmap", Combine("monmap"), "--keyring", Combine("mon.keyring"));
        await RunAsync(ct, "ceph-mon", "-c", Conf, "-i", "a");
        await CephAsync(ct, "auth", "get-or-create", "mgr.x", "mon", "allow profile mgr", "osd", "allow *", "mds", "allow *", "-o", Combine("mgr", "ceph-x", "keyring"));
        await RunAsync(ct, "ceph-mgr", "-c", Conf, "-i", "x");
        var uuid = Guid.NewGuid().ToString();
        var id = (await CephAsync(ct, "osd", "new", uuid)).Trim();
        await CephAsync(ct, "auth", "get-or-create", $"osd.{id}", "mon", "allow profile osd", "mgr", "allow profile osd", "osd", "allow *",
            "-o", Combine("osd", $"ceph-{id}", "keyring"));
        await RunAsync(ct, "ceph-osd", "-c", Conf, "-i", id, "--mkfs", "--osd-uuid", uuid);
        await RunAsync(ct, "ceph-osd", "-c", Conf, "-i", id);
        await WaitUntilAsync("the OSD up and the manager available", async () =>
            JsonNode.Parse(await CephAsync(ct, "osd", "stat", "--format", "json"))!["num_up_osds"]!.GetValue<int>() == 1
            && JsonNode.Parse(await CephAsync(ct, "mgr", "stat", "--format", "json"))!["available"]!.GetValue<bool>(), ct);
    }

    /// <summary>
    /// A new empty RBD pool (8 PGs, size 1) that takes writes. A new pool needs ~3 s before its placement groups are
    /// active, so the next ones are created ahead while the caller's test runs; give the pool back with <see cref="ReturnPoolAsync"/>.
    /// </summary>
    public async Task<string> TakePoolAsync(CancellationToken cancellationToken)
    {
        Task<string> next;
        lock (_readyPools)
        {
            while (_readyPools.Count < PoolsAhead + 1)
            {
                _readyPools.Enqueue(CreatePoolAsync("t" + Guid.NewGuid().ToString("N")[..12]));
            }
            next = _readyPools.Dequeue();
        }
        return await next.WaitAsync(cancellationToken);
    }

    /// <summary>Deletes a pool from <see cref="TakePoolAsync"/> with its images, in the background (awaited on dispose).</summary>
    public void ReturnPool(string name)
    {
        lock (_readyPools)
        {
            _deletions.Add(CephAsync(CancellationToken.None, "osd", "pool", "rm", name, name, "--yes-i-really-really-mean-it"));
        }
    }

    private async Task<string> CreatePoolAsync(string name)
    {
        using var deadline = new CancellationTokenSource(ReadyTimeout);
        await CephAsync(deadline.Token, "osd", "pool", "create", name, "8", "8", "replicated");
        // rbd pool init writes the pool's first object, so it returns once the placement groups are active.
        await RunAsync(deadline.Token, "rbd", "-c", Conf, "pool", "init", name);
        return name;
    }

    /// <summary>
    /// Stops the monitor (SIGTERM, as an operator's restart does) and starts it again on the same addresses; returns
    /// once it answers again. Clients connected before keep their sessions only if they hunt for the monitor again.
    /// </summary>
    public async Task RestartMonitorAsync(CancellationToken cancellationToken)
    {
        var pidFile = Combine("run", "mon.a.pid");
        await KillAsync(int.Parse(File.ReadAllText(pidFile).Trim(), CultureInfo.InvariantCulture));
        await RunAsync(cancellationToken, "ceph-mon", "-c", Conf, "-i", "a");
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(ReadyTimeout);
        await WaitUntilAsync("the restarted monitor in quorum", async () =>
            JsonNode.Parse(await CephAsync(deadline.Token, "quorum_status", "--format", "json"))!["quorum_names"]!.AsArray().Count == 1, deadline.Token);
    }

    /// <summary>Runs the ceph CLI against this cluster and returns stdout.</summary>
    public Task<string> CephAsync(CancellationToken cancellationToken, params string[] arguments) =>
        RunAsync(cancellationToken, ["ceph", "-c", Conf, "--connect-timeout", "15", .. arguments]);

    public async ValueTask DisposeAsync()
    {
        if (_directory is null)
        {
            return;
        }
        // Pools die with the cluster; only wait until no command of ours still talks to it.
        foreach (var pending in _readyPools.Cast<Task>().Concat(_deletions))
        {
            await Task.WhenAny(pending);
        }
        var pids = Directory.EnumerateFiles(Combine("run"), "*.pid")
            .Select(f => int.TryParse(File.ReadAllText(f).Trim(), CultureInfo.InvariantCulture, out var pid) ? pid : 0)
            .Where(pid => pid > 0)
            .ToList();
        foreach (var pid in pids)
        {
            await KillAsync(pid);
        }
        _directory.Dispose();
    }

    private string Combine(params string[] parts) => _directory!.Combine(parts);

    private string ConfText(string fsid, int v1, int v2) => $"""
        [global]
        fsid = {fsid}
        mon_host = [v2:{_address}:{v2},v1:{_address}:{v1}]
        mon_initial_members = a
        auth_cluster_required = cephx
        auth_service_required = cephx
        auth_client_required = cephx
        run_dir = {Combine("run")}
        log_file = {Combine("log")}/$name.log
        pid_file = {Combine("run")}/$name.pid
        ms_bind_ipv4 = true
        ms_bind_ipv6 = false
        public_network = {(_address == "127.0.0.1" ? "127.0.0.0/8" : _address + "/32")}
        osd_pool_default_size = 1
        osd_pool_default_min_size = 1
        mon_allow_pool_size_one = true
        mon_allow_pool_delete = true
        mon_warn_on_pool_no_redundancy = false
        mon_data_avail_warn = 1
        osd_crush_chooseleaf_type = 0
        [client]
        admin_socket = {Combine("run")}/$name.$pid.asok
        keyring = {AdminKeyringPath}
        [mon]
        admin_socket = {Combine("run")}/$name.asok
        auth_allow_insecure_global_id_reclaim = false
        mon_data = {Combine("mon")}/$cluster-$id
        [mgr]
        admin_socket = {Combine("run")}/$name.asok
        mgr_data = {Combine("mgr")}/$cluster-$id
        keyring = {Combine("mgr")}/$cluster-$id/keyring
        [osd]
        admin_socket = {Combine("run")}/$name.asok
        osd_data = {Combine("osd")}/$cluster-$id
        keyring = {Combine("osd")}/$cluster-$id/keyring
        osd_objectstore = bluestore
        bluestore_block_create = true
        bluestore_block_size = 4294967296
        osd_memory_target = 536870912
        bluestore_cache_autotune = false
        bluestore_cache_size = 134217728
        osd_op_num_shards = 1
        osd_op_num_threads_per_shard = 2

        """;

    private async Task<string> RunAsync(CancellationToken cancellationToken, params string[] argv) =>
        (await _runner.RunCheckedAsync(argv, cancellationToken)).StandardOutput;

    private static async Task WaitUntilAsync(string what, Func<Task<bool>> condition, CancellationToken cancellationToken)
    {
        try
        {
            while (!await condition())
            {
                await Task.Delay(250, cancellationToken);
            }
        }
        catch (OperationCanceledException e)
        {
            throw new TimeoutException($"Micro Ceph cluster: timed out after {ReadyTimeout.TotalSeconds} s waiting for {what}", e);
        }
    }

    /// <summary>SIGTERM, then SIGKILL if the daemon is still there after 10 s.</summary>
    private async Task KillAsync(int pid)
    {
        Process process;
        try
        {
            process = Process.GetProcessById(pid);
        }
        catch (ArgumentException)
        {
            return;
        }
        using (process)
        {
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await _runner.RunAsync(["kill", "-TERM", pid.ToString(CultureInfo.InvariantCulture)], CancellationToken.None);
                await process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill();
                await process.WaitForExitAsync(CancellationToken.None);
            }
        }
    }
}
