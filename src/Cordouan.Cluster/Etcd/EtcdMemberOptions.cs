namespace Cordouan.Cluster.Etcd;

/// <summary>How to run the local etcd member that cordouand supervises as a child process.</summary>
public sealed record EtcdMemberOptions
{
    /// <summary>Member name, unique in the etcd cluster (usually the node name).</summary>
    public required string Name { get; init; }

    /// <summary>etcd's data directory (created with mode 0700 if missing).</summary>
    public required string DataDirectory { get; init; }

    /// <summary>
    /// URL clients use, also listened on, e.g. https://127.0.0.1:2379 (comma-separated for several). https requires
    /// <see cref="ClientTls"/>: clients must then present a certificate from its CA; http is open to every local process.
    /// </summary>
    public string ClientUrl { get; init; } = "http://127.0.0.1:2379";

    /// <summary>URL peers use, also listened on, e.g. http://10.0.0.1:2380.</summary>
    public string PeerUrl { get; init; } = "http://127.0.0.1:2380";

    /// <summary>"name=peerUrl,…" of every member; null means a single-member cluster of this node.</summary>
    public string? InitialCluster { get; init; }

    /// <summary>"new" to bootstrap a cluster, "existing" to join one (after `member add`).</summary>
    public string InitialClusterState { get; init; } = "new";

    /// <summary>Distinguishes clusters bootstrapped from the same peer URLs.</summary>
    public string InitialClusterToken { get; init; } = "cordouan";

    /// <summary>
    /// Mutual TLS between members (with an https peer URL): this member's certificate and key (PEM) and the CA every
    /// member's certificate must chain to. Null: peers talk plain HTTP (only for an http peer URL).
    /// </summary>
    public EtcdTlsFiles? PeerTls { get; init; }

    /// <summary>
    /// Mutual TLS for clients (with an https client URL): the certificate and key the member serves, and the CA every
    /// client's certificate must chain to (--client-cert-auth). Null: clients talk plain HTTP (only for an http client URL).
    /// </summary>
    public EtcdTlsFiles? ClientTls { get; init; }

    /// <summary>The etcd executable: a name looked up on PATH or an absolute path.</summary>
    public string EtcdBinary { get; init; } = "etcd";

    /// <summary>etcd's log file; null means "etcd.log" beside the data directory.</summary>
    public string? LogFile { get; init; }

    /// <summary>Where the child's pid is recorded; null means "&lt;data directory&gt;.pid".</summary>
    public string? PidFile { get; init; }

    /// <summary>Raft heartbeat; short, because the cluster network is a LAN and failover speed matters.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Raft election timeout (at least 5 heartbeats); a dead leader is replaced about this fast.</summary>
    public TimeSpan ElectionTimeout { get; init; } = TimeSpan.FromMilliseconds(1000);

    /// <summary>Backend size at which etcd raises the NOSPACE alarm and refuses writes.</summary>
    public long QuotaBackendBytes { get; init; } = 2L * 1024 * 1024 * 1024;

    /// <summary>History kept for watches to resume from (periodic auto-compaction), e.g. "1h".</summary>
    public string AutoCompactionRetention { get; init; } = "1h";

    /// <summary>Bound on the wait for the member to report healthy after each start.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Time given to a SIGTERM before SIGKILL.</summary>
    public TimeSpan StopTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>First pause before restarting a crashed member; doubles up to <see cref="MaxRestartDelay"/>.</summary>
    public TimeSpan RestartDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxRestartDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The data directory as an absolute path without a trailing slash (as written into etcd's argv).</summary>
    public string DataDirectoryPath => Path.GetFullPath(DataDirectory).TrimEnd('/');

    public string LogFilePath => LogFile ?? Path.Combine(Path.GetDirectoryName(DataDirectoryPath) ?? "/", "etcd.log");

    public string PidFilePath => PidFile ?? DataDirectoryPath + ".pid";

    /// <summary>True when the cluster has no other member, so the member alone must become healthy.</summary>
    public bool IsSingleMember => InitialCluster is null || !InitialCluster.Contains(',', StringComparison.Ordinal);

    /// <summary>The first client URL, where health is probed.</summary>
    public string PrimaryClientUrl => ClientUrl.Split(',')[0].Trim();
}
