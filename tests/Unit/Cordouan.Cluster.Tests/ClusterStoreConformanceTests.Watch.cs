using Cordouan.Core.Cluster;

namespace Cordouan.Cluster.Tests;

public abstract partial class ClusterStoreConformanceTests
{
    [Fact]
    public async Task WatchAsync_PutThenDelete_SeesBothInOrder()
    {
        using var deadline = TestDeadline.After(Timeout);
        var start = await Store.PutAsync(Prefix + "marker", Bytes("m"), deadline.Token);
        await using var watch = Store.WatchAsync(Prefix + "vms/", start.Revision, deadline.Token).GetAsyncEnumerator(deadline.Token);

        var put = await Store.PutAsync(Prefix + "vms/100", Bytes("config"), deadline.Token);
        await Store.PutAsync(Prefix + "elsewhere", Bytes("ignored"), deadline.Token);
        var deleted = await Store.DeleteAsync(Prefix + "vms/100", deadline.Token);

        var first = await NextAsync(watch);
        var second = await NextAsync(watch);
        Assert.Equal(new WatchEvent(Prefix + "vms/100", null, put.Revision) with { Value = first.Value }, first);
        Assert.Equal("config", Text(first.Value));
        Assert.Equal(Prefix + "vms/100", second.Key);
        Assert.Null(second.Value);
        Assert.Equal(deleted.Revision, second.ModRevision);
    }

    [Fact]
    public async Task WatchAsync_FromPastRevision_ReplaysLaterChanges()
    {
        using var deadline = TestDeadline.After(Timeout);
        var before = await Store.PutAsync(Prefix + "h/a", Bytes("1"), deadline.Token);
        await Store.PutAsync(Prefix + "h/b", Bytes("2"), deadline.Token);
        await Store.PutAsync(Prefix + "h/a", Bytes("3"), deadline.Token);

        await using var watch = Store.WatchAsync(Prefix + "h/", before.Revision, deadline.Token).GetAsyncEnumerator(deadline.Token);

        Assert.Equal(("h/b", "2"), Describe(await NextAsync(watch)));
        Assert.Equal(("h/a", "3"), Describe(await NextAsync(watch)));
    }

    protected static async Task<WatchEvent> NextAsync(IAsyncEnumerator<WatchEvent> watch)
    {
        Assert.True(await watch.MoveNextAsync(), "the watch ended");
        return watch.Current;
    }

    private (string Key, string Value) Describe(WatchEvent change) => (change.Key[Prefix.Length..], Text(change.Value));
}
