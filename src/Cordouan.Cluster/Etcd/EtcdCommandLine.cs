using System.Globalization;

namespace Cordouan.Cluster.Etcd;

/// <summary>Pure <see cref="EtcdMemberOptions"/> → etcd argv (etcd 3.4 flags, always in --flag=value form).</summary>
public static class EtcdCommandLine
{
    public static IReadOnlyList<string> Build(EtcdMemberOptions options)
    {
        var ms = (TimeSpan span) => ((long)span.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        // Members accept peers only with a certificate from the cluster CA, and check theirs the same way.
        string[] peerTls = options.PeerTls is { } tls
            ?
            [
                $"--peer-cert-file={tls.CertificateFile}",
                $"--peer-key-file={tls.KeyFile}",
                $"--peer-trusted-ca-file={tls.TrustedCaFile}",
                "--peer-client-cert-auth=true",
            ]
            : [];
        // Clients (cordouand itself, etcdctl) must present a certificate from the cluster CA: no local process reads the
        // store without one. etcd's HTTP gateway also dials the member with the member's own certificate.
        string[] clientTls = options.ClientTls is { } client
            ?
            [
                $"--cert-file={client.CertificateFile}",
                $"--key-file={client.KeyFile}",
                $"--trusted-ca-file={client.TrustedCaFile}",
                "--client-cert-auth=true",
            ]
            : [];
        return
        [
            options.EtcdBinary,
            $"--name={options.Name}",
            $"--data-dir={options.DataDirectoryPath}",
            $"--listen-client-urls={options.ClientUrl}",
            $"--advertise-client-urls={options.ClientUrl}",
            $"--listen-peer-urls={options.PeerUrl}",
            $"--initial-advertise-peer-urls={options.PeerUrl}",
            $"--initial-cluster={options.InitialCluster ?? options.Name + "=" + options.PeerUrl}",
            $"--initial-cluster-state={options.InitialClusterState}",
            $"--initial-cluster-token={options.InitialClusterToken}",
            $"--heartbeat-interval={ms(options.HeartbeatInterval)}",
            $"--election-timeout={ms(options.ElectionTimeout)}",
            // A member cut off from the others must not disturb the majority with higher terms when it comes back.
            "--pre-vote=true",
            $"--quota-backend-bytes={options.QuotaBackendBytes.ToString(CultureInfo.InvariantCulture)}",
            "--auto-compaction-mode=periodic",
            $"--auto-compaction-retention={options.AutoCompactionRetention}",
            // Lets watches move their resume point forward while idle, so a reconnect rarely meets a compaction.
            "--experimental-watch-progress-notify-interval=10s",
            "--enable-v2=false",
            "--logger=zap",
            $"--log-outputs={options.LogFilePath}",
            .. clientTls,
            .. peerTls,
        ];
    }
}
