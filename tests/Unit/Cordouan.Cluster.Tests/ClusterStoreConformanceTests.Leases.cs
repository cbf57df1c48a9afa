using Cordouan.Core.Cluster;

namespace Cordouan.Cluster.Tests;

public abstract partial class ClusterStoreConformanceTests
{
    private static readonly TimeSpan LeaseTtl = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task GrantLeaseAsync_NotKeptAlive_KeysVanishAfterTtl()
    {
        using var deadline = TestDeadline.After(Timeout);
        var lease = await Store.GrantLeaseAsync(LeaseTtl, deadline.Token);
        await Store.PutAsync(Prefix + "alive/node1", Bytes("up"), deadline.Token, lease);
        Assert.Equal(lease, (await Store.GetAsync(Prefix + "alive/node1", deadline.Token))?.Lease);

        await TestDeadline.WaitUntilAsync("the leased key to expire", async () =>
        {
            var entry = await Store.GetAsync(Prefix + "alive/node1", deadline.Token);
            return (entry is null, entry is null ? "gone" : $"present, lease {entry.Lease}");
        }, LeaseTtl * 4);
    }

    [Fact]
    public async Task KeepAliveAsync_Repeated_KeysOutliveTtl()
    {
        using var deadline = TestDeadline.After(Timeout);
        var lease = await Store.GrantLeaseAsync(LeaseTtl, deadline.Token);
        await Store.PutAsync(Prefix + "alive/node2", Bytes("up"), deadline.Token, lease);
        var until = TimeProvider.System.GetTimestamp() + (long)(LeaseTtl.TotalSeconds * 1.75 * TimeProvider.System.TimestampFrequency);

        // The property under test is "still there after more than one TTL", so time passing is the point here.
        while (TimeProvider.System.GetTimestamp() < until)
        {
            Assert.True(await Store.KeepAliveAsync(lease, deadline.Token));
            Assert.NotNull(await Store.GetAsync(Prefix + "alive/node2", deadline.Token));
            await Task.Delay(LeaseTtl / 4, deadline.Token);
        }
    }

    [Fact]
    public async Task RevokeLeaseAsync_DeletesKeysAndIsIdempotent()
    {
        using var deadline = TestDeadline.After(Timeout);
        var lease = await Store.GrantLeaseAsync(TimeSpan.FromSeconds(30), deadline.Token);
        await Store.PutAsync(Prefix + "locks/x", Bytes("held"), deadline.Token, lease);

        await Store.RevokeLeaseAsync(lease, deadline.Token);
        await Store.RevokeLeaseAsync(lease, deadline.Token);

        Assert.Null(await Store.GetAsync(Prefix + "locks/x", deadline.Token));
        Assert.False(await Store.KeepAliveAsync(lease, deadline.Token));
    }
}
