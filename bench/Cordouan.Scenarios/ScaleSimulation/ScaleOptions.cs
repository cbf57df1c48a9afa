namespace Cordouan.Scenarios.ScaleSimulation;

/// <summary>Sizes of the scale simulation (issue 4): simulated nodes, VM documents, GETs timed, idle window.</summary>
public sealed record ScaleOptions
{
    /// <summary>Lightweight node agents run inside the bench process, besides the one real cordouand.</summary>
    public int SimulatedNodes { get; init; } = 100;

    /// <summary>VM documents written straight into etcd, spread round-robin over the simulated nodes.</summary>
    public int Vms { get; init; } = 10_000;

    /// <summary>Puts per etcd transaction (etcd's default --max-txn-ops is 128).</summary>
    public int BatchSize { get; init; } = 100;

    /// <summary>Transactions in flight while writing the VM documents.</summary>
    public int WriteParallelism { get; init; } = 4;

    /// <summary>Agents starting at the same time (node document, lease grant, liveness key).</summary>
    public int StartParallelism { get; init; } = 10;

    public int WarmUpGets { get; init; } = 10;

    /// <summary>Timed <c>GET /cluster/resources</c> (the issue asks for at least 200).</summary>
    public int ResourcesGets { get; init; } = 250;

    /// <summary>Time after which the GET loop stops early, so the scenario stays within about three minutes.</summary>
    public TimeSpan ResourcesBudget { get; init; } = TimeSpan.FromSeconds(80);

    /// <summary>Window during which only lease keep-alives run and etcd's revision is sampled once a second.</summary>
    public TimeSpan IdleWindow { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Bound on waiting for cordouand to list every VM and every node online.</summary>
    public TimeSpan SettleTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Proxmox's documented cap of the pmxcfs configuration file system (/etc/pve).</summary>
    public const double ProxmoxConfigCapMiB = 128;
}
