using Cordouan.Cluster.Etcd;

namespace Cordouan.Cluster.Tests.Etcd;

public sealed class EtcdCommandLineTests
{
    [Fact]
    public void Build_SingleNodeDefaults_ProducesExpectedArgv()
    {
        var options = new EtcdMemberOptions { Name = "pve1", DataDirectory = "/var/lib/cordouan/etcd/" };

        var argv = EtcdCommandLine.Build(options);

        Assert.Equal(
        [
            "etcd",
            "--name=pve1",
            "--data-dir=/var/lib/cordouan/etcd",
            "--listen-client-urls=http://127.0.0.1:2379",
            "--advertise-client-urls=http://127.0.0.1:2379",
            "--listen-peer-urls=http://127.0.0.1:2380",
            "--initial-advertise-peer-urls=http://127.0.0.1:2380",
            "--initial-cluster=pve1=http://127.0.0.1:2380",
            "--initial-cluster-state=new",
            "--initial-cluster-token=cordouan",
            "--heartbeat-interval=100",
            "--election-timeout=1000",
            "--pre-vote=true",
            "--quota-backend-bytes=2147483648",
            "--auto-compaction-mode=periodic",
            "--auto-compaction-retention=1h",
            "--experimental-watch-progress-notify-interval=10s",
            "--enable-v2=false",
            "--logger=zap",
            "--log-outputs=/var/lib/cordouan/etcd.log",
        ], argv);
    }

    [Fact]
    public void Build_JoiningMember_UsesGivenClusterAndState()
    {
        var options = new EtcdMemberOptions
        {
            Name = "pve2",
            DataDirectory = "/data/etcd",
            PeerUrl = "http://10.0.0.2:2380",
            InitialCluster = "pve1=http://10.0.0.1:2380,pve2=http://10.0.0.2:2380",
            InitialClusterState = "existing",
            LogFile = "/var/log/cordouan/etcd.log",
        };

        var argv = EtcdCommandLine.Build(options);

        Assert.Contains("--initial-cluster=pve1=http://10.0.0.1:2380,pve2=http://10.0.0.2:2380", argv);
        Assert.Contains("--initial-cluster-state=existing", argv);
        Assert.Contains("--log-outputs=/var/log/cordouan/etcd.log", argv);
        Assert.Equal("/data/etcd.pid", options.PidFilePath);
    }

    [Fact]
    public void Build_HttpsPeers_AddsMutualTlsFlags()
    {
        var argv = EtcdCommandLine.Build(new EtcdMemberOptions
        {
            Name = "pve1",
            DataDirectory = "/var/lib/cordouan/etcd",
            PeerUrl = "https://10.0.0.1:2380",
            PeerTls = new EtcdTlsFiles("/c/node.pem", "/c/node-key.pem", "/c/ca.pem"),
        });

        Assert.Contains("--peer-cert-file=/c/node.pem", argv);
        Assert.Contains("--peer-key-file=/c/node-key.pem", argv);
        Assert.Contains("--peer-trusted-ca-file=/c/ca.pem", argv);
        Assert.Contains("--peer-client-cert-auth=true", argv);
    }

    [Fact]
    public void Build_HttpsClients_RequiresClientCertificatesFromTheCa()
    {
        var argv = EtcdCommandLine.Build(new EtcdMemberOptions
        {
            Name = "pve1",
            DataDirectory = "/var/lib/cordouan/etcd",
            ClientUrl = "https://127.0.0.1:2379",
            ClientTls = new EtcdTlsFiles("/c/node.pem", "/c/node-key.pem", "/c/ca.pem"),
        });

        Assert.Contains("--listen-client-urls=https://127.0.0.1:2379", argv);
        Assert.Contains("--advertise-client-urls=https://127.0.0.1:2379", argv);
        Assert.Contains("--cert-file=/c/node.pem", argv);
        Assert.Contains("--key-file=/c/node-key.pem", argv);
        Assert.Contains("--trusted-ca-file=/c/ca.pem", argv);
        Assert.Contains("--client-cert-auth=true", argv);
        Assert.DoesNotContain(argv, a => a.StartsWith("--auto-tls", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_HttpsClientsWithoutCertificates_Refused()
    {
        var errors = EtcdMemberOptionsValidator.Check(new EtcdMemberOptions { Name = "pve1", DataDirectory = "/d", ClientUrl = "https://127.0.0.1:2379" });

        Assert.Contains(errors, e => e.Contains("needs certificate files", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_MixedPlainAndTlsClientUrls_Refused()
    {
        var errors = EtcdMemberOptionsValidator.Check(new EtcdMemberOptions
        {
            Name = "pve1",
            DataDirectory = "/d",
            ClientUrl = "https://127.0.0.1:2379,http://127.0.0.1:2381",
            ClientTls = new EtcdTlsFiles("/c/node.pem", "/c/node-key.pem", "/c/ca.pem"),
        });

        Assert.Contains(errors, e => e.Contains("mixes http and https", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_HttpsPeersWithoutCertificates_Refused()
    {
        var errors = EtcdMemberOptionsValidator.Check(new EtcdMemberOptions { Name = "pve1", DataDirectory = "/d", PeerUrl = "https://10.0.0.1:2380" });

        Assert.Contains(errors, e => e.Contains("needs peer certificate files", StringComparison.Ordinal));
    }
}
