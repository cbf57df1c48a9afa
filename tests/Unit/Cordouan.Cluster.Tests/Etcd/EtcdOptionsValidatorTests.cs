using Cordouan.Cluster.Etcd;

namespace Cordouan.Cluster.Tests.Etcd;

public sealed class EtcdOptionsValidatorTests
{
    [Fact]
    public void Check_MemberOptionsWithSeveralProblems_ReportsEveryOne()
    {
        var options = new EtcdMemberOptions
        {
            Name = "a=b",
            DataDirectory = "relative/dir",
            ClientUrl = "https://127.0.0.1:2379",
            PeerUrl = "http://127.0.0.1",
            InitialClusterState = "maybe",
            ElectionTimeout = TimeSpan.FromMilliseconds(200),
        };

        var errors = EtcdMemberOptionsValidator.Check(options);

        Assert.Equal(6, errors.Count);
        Assert.Contains(errors, e => e.StartsWith("etcd.member.name", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("etcd.member.electionTimeout", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_DefaultMemberOptions_AreValid()
    {
        Assert.Empty(EtcdMemberOptionsValidator.Check(new EtcdMemberOptions { Name = "n1", DataDirectory = "/var/lib/cordouan/etcd" }));
    }

    [Fact]
    public void Check_ClientOptionsWithoutEndpointsAndBadTimeout_ReportsBoth()
    {
        var errors = EtcdClientOptionsValidator.Check(new EtcdClientOptions { Endpoints = [], RequestTimeout = TimeSpan.Zero });

        Assert.Equal(2, errors.Count);
    }

    [Fact]
    public void Check_HttpsEndpointsWithoutClientCertificate_Refused()
    {
        var errors = EtcdClientOptionsValidator.Check(new EtcdClientOptions { Endpoints = ["https://127.0.0.1:2379"] });

        Assert.Contains(errors, e => e.Contains("give the client certificate", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_HttpsEndpointsWithClientCertificate_Valid()
    {
        var options = new EtcdClientOptions { Endpoints = ["https://127.0.0.1:2379"], Tls = new EtcdTlsFiles("/c/node.pem", "/c/node-key.pem", "/c/ca.pem") };

        Assert.Empty(EtcdClientOptionsValidator.Check(options));
    }

    [Fact]
    public void Check_PlainEndpointBesideClientCertificate_Refused()
    {
        var options = new EtcdClientOptions
        {
            Endpoints = ["https://10.0.0.1:2379", "http://10.0.0.2:2379"],
            Tls = new EtcdTlsFiles("/c/node.pem", "/c/node-key.pem", "/c/ca.pem"),
        };

        Assert.Single(EtcdClientOptionsValidator.Check(options));
    }
}
