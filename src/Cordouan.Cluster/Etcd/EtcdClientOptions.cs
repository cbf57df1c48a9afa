namespace Cordouan.Cluster.Etcd;

/// <summary>How the cluster store reaches etcd.</summary>
public sealed record EtcdClientOptions
{
    /// <summary>Client URLs of the etcd members (e.g. https://127.0.0.1:2379); tried in order, failing over on errors.</summary>
    public IReadOnlyList<string> Endpoints { get; init; } = ["http://127.0.0.1:2379"];

    /// <summary>
    /// For https endpoints (required then): the client certificate and key presented to etcd, and the CA the members'
    /// certificates must chain to. Null: plain-HTTP endpoints, only where explicitly configured.
    /// </summary>
    public EtcdTlsFiles? Tls { get; init; }

    /// <summary>Upper bound of one store call, failover and retries included; past it the call throws QuorumLostException.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Upper bound of one TCP connect to a member.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>First pause before a retry round or a watch reconnect; doubles up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Longest pause between retries and watch reconnects.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(2);
}
