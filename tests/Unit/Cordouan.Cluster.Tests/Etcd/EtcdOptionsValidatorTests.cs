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
}
