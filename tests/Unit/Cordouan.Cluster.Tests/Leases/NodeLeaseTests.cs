using System.Text;
using Cordouan.Cluster.Leases;
using Cordouan.Core.Cluster;
using Cordouan.Core.Ids;
using Cordouan.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cordouan.Cluster.Tests.Leases;

[Trait("Requires", "etcd")]
public sealed class NodeLeaseTests(EtcdFixture sharedEtcd)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task AcquireAsync_KeptAlive_KeyOutlivesTtlAndVanishesOnDispose()
    {
        Requirements.Etcd();
        using var deadline = TestDeadline.After(Timeout);
        using var store = EtcdTestStores.Create(sharedEtcd.ClientUrl);
        var node = UniqueNode();
        var key = ClusterKeys.NodeAlive(node.Value);
        var lease = await NodeLease.AcquireAsync(store, node, Encoding.UTF8.GetBytes("up"), Ttl, TimeProvider.System, NullLogger.Instance, deadline.Token);
        try
        {
            Assert.Equal(lease.LeaseId, (await store.GetAsync(key, deadline.Token))?.Lease);
            var until = TimeProvider.System.GetTimestamp() + (long)(Ttl.TotalSeconds * 1.75 * TimeProvider.System.TimestampFrequency);
            // "Still there after more than one TTL" is the property, so letting time pass is the point.
            while (TimeProvider.System.GetTimestamp() < until)
            {
                Assert.NotNull(await store.GetAsync(key, deadline.Token));
                Assert.False(lease.Lost.IsCancellationRequested, lease.LostReason);
                await Task.Delay(Ttl / 4, deadline.Token);
            }
        }
        finally
        {
            await lease.DisposeAsync();
        }

        Assert.Null(await store.GetAsync(key, deadline.Token));
    }

    [Fact]
    public async Task Lost_LeaseRevokedBehindItsBack_IsCancelled()
    {
        Requirements.Etcd();
        using var deadline = TestDeadline.After(Timeout);
        using var store = EtcdTestStores.Create(sharedEtcd.ClientUrl);
        await using var lease = await NodeLease.AcquireAsync(store, UniqueNode(), [], Ttl, TimeProvider.System, NullLogger.Instance, deadline.Token);

        await store.RevokeLeaseAsync(lease.LeaseId, deadline.Token);

        await WaitLostAsync(lease, Ttl * 2);
        Assert.Equal("etcd reports the lease expired", lease.LostReason);
    }

    [Fact]
    public async Task Lost_EtcdStopped_IsCancelledWithinTtl()
    {
        await using var etcd = await EtcdFixture.StartNewAsync();
        using var deadline = TestDeadline.After(Timeout);
        using var store = EtcdTestStores.Create(etcd.ClientUrl);
        await using var lease = await NodeLease.AcquireAsync(store, UniqueNode(), [], Ttl, TimeProvider.System, NullLogger.Instance, deadline.Token);

        await etcd.StopAsync();

        // Lost fires at (last successful keep-alive send + TTL), never after etcd's own expiry.
        await WaitLostAsync(lease, Ttl + TimeSpan.FromSeconds(1));
        Assert.Contains("within the TTL", lease.LostReason);
    }

    private static async Task WaitLostAsync(NodeLease lease, TimeSpan timeout)
    {
        using var deadline = TestDeadline.After(timeout);
        var lost = new TaskCompletionSource();
        using var registration = lease.Lost.Register(lost.SetResult);
        try
        {
            await lost.Task.WaitAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            Assert.Fail($"lease {lease.LeaseId} of {lease.Node} was not reported lost within {timeout.TotalSeconds} s");
        }
    }

    private static NodeName UniqueNode() => new($"n{Guid.NewGuid():N}"[..20]);
}
