using Cordouan.Cluster.Locks;
using Cordouan.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cordouan.Cluster.Tests.Locks;

[Trait("Requires", "etcd")]
public sealed class ClusterLockTests(EtcdFixture etcd)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task TryAcquireAsync_TenConcurrentContenders_ExactlyOneHoldsAndIsNamed()
    {
        Requirements.Etcd();
        using var deadline = TestDeadline.After(Timeout);
        using var store = EtcdTestStores.Create(etcd.ClientUrl);
        var locks = new ClusterLock(store, TimeProvider.System, NullLogger<ClusterLock>.Instance);
        var name = $"clone-{Guid.NewGuid():N}";

        var handles = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => locks.TryAcquireAsync(name, $"node{i}", Ttl, deadline.Token)));
        try
        {
            var winner = Assert.Single(handles, h => h is not null)!;
            var holder = await locks.GetHolderAsync(name, deadline.Token);
            Assert.Equal(winner.Holder.Owner, holder?.Owner);
            Assert.Equal(winner.Holder.Lease, holder?.Lease);
        }
        finally
        {
            foreach (var handle in handles.OfType<ClusterLockHandle>())
            {
                await handle.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task TryAcquireAsync_AfterHolderReleased_Succeeds()
    {
        Requirements.Etcd();
        using var deadline = TestDeadline.After(Timeout);
        using var store = EtcdTestStores.Create(etcd.ClientUrl);
        var locks = new ClusterLock(store, TimeProvider.System, NullLogger<ClusterLock>.Instance);
        var name = $"migrate-{Guid.NewGuid():N}";

        var first = await locks.TryAcquireAsync(name, "node1", Ttl, deadline.Token);
        var blocked = await locks.TryAcquireAsync(name, "node2", Ttl, deadline.Token);
        await first!.DisposeAsync();
        await using var second = await locks.TryAcquireAsync(name, "node2", Ttl, deadline.Token);

        Assert.Null(blocked);
        Assert.NotNull(second);
        Assert.True(first.Lost.IsCancellationRequested);
        Assert.Equal("node2", (await locks.GetHolderAsync(name, deadline.Token))?.Owner);
    }

    [Fact]
    public async Task GetHolderAsync_FreeLock_ReturnsNull()
    {
        Requirements.Etcd();
        using var deadline = TestDeadline.After(Timeout);
        using var store = EtcdTestStores.Create(etcd.ClientUrl);
        var locks = new ClusterLock(store, TimeProvider.System, NullLogger<ClusterLock>.Instance);

        Assert.Null(await locks.GetHolderAsync($"free-{Guid.NewGuid():N}", deadline.Token));
    }
}
