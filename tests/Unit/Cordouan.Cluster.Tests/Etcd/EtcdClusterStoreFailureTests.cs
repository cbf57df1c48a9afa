using System.Diagnostics;
using System.Text;
using Cordouan.Core.Cluster;
using Cordouan.Core.Errors;
using Cordouan.Testing;

namespace Cordouan.Cluster.Tests.Etcd;

/// <summary>Quorum loss, failover and watch recovery, each on its own etcd that the test stops and restarts.</summary>
[Trait("Requires", "etcd")]
public sealed class EtcdClusterStoreFailureTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task GetAsync_EtcdStopped_ThrowsQuorumLostWithinRequestTimeout()
    {
        await using var etcd = await EtcdFixture.StartNewAsync();
        using var deadline = TestDeadline.After(Timeout);
        var requestTimeout = TimeSpan.FromSeconds(2);
        using var store = EtcdTestStores.Create(etcd.ClientUrl, requestTimeout);
        await store.PutAsync("/q/a", Encoding.UTF8.GetBytes("x"), deadline.Token);
        await etcd.StopAsync();

        var watch = Stopwatch.StartNew();
        var read = await Assert.ThrowsAsync<QuorumLostException>(() => store.GetAsync("/q/a", deadline.Token));
        var write = await Assert.ThrowsAsync<QuorumLostException>(() => store.PutAsync("/q/a", [1], deadline.Token));
        watch.Stop();

        Assert.Contains($"etcd at {etcd.ClientUrl} unreachable", read.Message);
        Assert.Contains("unreachable", write.Message);
        Assert.True(watch.Elapsed < requestTimeout * 2 + TimeSpan.FromSeconds(1), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task GetAsync_FirstEndpointDead_FailsOverToSecond()
    {
        await using var etcd = await EtcdFixture.StartNewAsync();
        using var deadline = TestDeadline.After(Timeout);
        var dead = $"http://127.0.0.1:{PortAllocator.Next()}";
        using var store = EtcdTestStores.Create([dead, etcd.ClientUrl]);

        await store.PutAsync("/f/a", Encoding.UTF8.GetBytes("x"), deadline.Token);

        Assert.Equal("x", Encoding.UTF8.GetString((await store.GetAsync("/f/a", deadline.Token))!.Value));
    }

    [Fact]
    public async Task WatchAsync_EtcdRestarted_ResumesWithoutLosingOrRepeatingEvents()
    {
        await using var etcd = await EtcdFixture.StartNewAsync();
        using var deadline = TestDeadline.After(Timeout);
        using var store = EtcdTestStores.Create(etcd.ClientUrl);
        var start = await store.PutAsync("/w/marker", [], deadline.Token);
        await using var watch = store.WatchAsync("/w/vms/", start.Revision, deadline.Token).GetAsyncEnumerator(deadline.Token);
        await store.PutAsync("/w/vms/1", Encoding.UTF8.GetBytes("one"), deadline.Token);
        Assert.Equal("/w/vms/1", (await NextAsync(watch)).Key);

        await etcd.StopAsync();
        var pending = watch.MoveNextAsync().AsTask();
        await etcd.StartAsync(deadline.Token);
        var second = await store.PutAsync("/w/vms/2", Encoding.UTF8.GetBytes("two"), deadline.Token);
        var third = await store.PutAsync("/w/vms/3", Encoding.UTF8.GetBytes("three"), deadline.Token);

        Assert.True(await pending);
        Assert.Equal(new WatchEvent("/w/vms/2", watch.Current.Value, second.Revision), watch.Current);
        Assert.Equal(("/w/vms/3", third.Revision), ((await NextAsync(watch)).Key, watch.Current.ModRevision));
    }

    [Fact]
    public async Task WatchAsync_FromCompactedRevision_RestartsFromCurrent()
    {
        await using var etcd = await EtcdFixture.StartNewAsync();
        using var deadline = TestDeadline.After(Timeout);
        using var store = EtcdTestStores.Create(etcd.ClientUrl);
        var old = await store.PutAsync("/c/vms/old", [1], deadline.Token);
        var latest = await store.PutAsync("/c/vms/old", [2], deadline.Token);
        await CompactAsync(etcd.ClientUrl, latest.Revision, deadline.Token);

        await using var watch = store.WatchAsync("/c/vms/", old.Revision - 1, deadline.Token).GetAsyncEnumerator(deadline.Token);
        var next = watch.MoveNextAsync().AsTask();
        // The restart point is "now" as etcd sees it on reconnect, so keep writing until one write lands after it.
        for (var i = 0; !next.IsCompleted; i++)
        {
            await store.PutAsync($"/c/vms/new{i}", [3], deadline.Token);
            await Task.WhenAny(next, Task.Delay(100, deadline.Token));
        }

        Assert.True(await next);
        Assert.StartsWith("/c/vms/new", watch.Current.Key);
        Assert.True(watch.Current.ModRevision > latest.Revision);
    }

    private static async Task<WatchEvent> NextAsync(IAsyncEnumerator<WatchEvent> watch)
    {
        Assert.True(await watch.MoveNextAsync(), "the watch ended");
        return watch.Current;
    }

    private static async Task CompactAsync(string clientUrl, long revision, CancellationToken cancellationToken)
    {
        using var http = new HttpClient();
        using var body = new StringContent($"{{\"revision\":\"{revision}\",\"physical\":true}}", Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri(clientUrl + "/v3/kv/compaction"), body, cancellationToken);
        response.EnsureSuccessStatusCode();
    }
}
