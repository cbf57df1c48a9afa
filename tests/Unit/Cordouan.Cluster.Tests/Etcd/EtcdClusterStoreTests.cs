using Cordouan.Cluster.Etcd;
using Cordouan.Core.Cluster;
using Cordouan.Testing;

namespace Cordouan.Cluster.Tests.Etcd;

/// <summary>etcd-specific store behaviour beyond the shared contract, on the shared etcd.</summary>
[Trait("Requires", "etcd")]
public sealed class EtcdClusterStoreTests(EtcdFixture etcd)
{
    [Fact]
    public async Task GetStatusAsync_HealthyMember_ReportsLeaderAndVersion()
    {
        Requirements.Etcd();
        using var deadline = TestDeadline.After(TimeSpan.FromSeconds(10));
        using var store = EtcdTestStores.Create(etcd.ClientUrl);

        var status = await store.GetStatusAsync(deadline.Token);

        Assert.True(status.HasLeader);
        Assert.Equal(status.MemberId, status.Leader);
        Assert.StartsWith("3.", status.Version);
        Assert.True(status.Revision > 0);
    }

    [Fact]
    public async Task TransactAsync_PutWithUnknownLease_ThrowsEtcdRequestException()
    {
        Requirements.Etcd();
        using var deadline = TestDeadline.After(TimeSpan.FromSeconds(10));
        using var store = EtcdTestStores.Create(etcd.ClientUrl);

        var error = await Assert.ThrowsAsync<EtcdRequestException>(() =>
            store.PutAsync(EtcdTestStores.UniquePrefix() + "k", [1], deadline.Token, lease: 12345));

        Assert.True(error.IsLeaseNotFound);
        Assert.Contains("lease not found", error.Message);
    }
}
