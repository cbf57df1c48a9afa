using System.Text;
using Cordouan.Core.Cluster;

namespace Cordouan.Cluster.Tests;

/// <summary>
/// The <see cref="IClusterStore"/> contract, run against every implementation (a subclass supplies the store).
/// Every test works under its own key prefix, so one backend can serve the whole suite.
/// </summary>
public abstract partial class ClusterStoreConformanceTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    protected string Prefix { get; } = EtcdTestStores.UniquePrefix();

    /// <summary>The store under test; skips (or fails in CI) when the backend is unavailable.</summary>
    protected abstract IClusterStore Store { get; }

    protected static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    protected static string Text(byte[]? bytes) => bytes is null ? "<deleted>" : Encoding.UTF8.GetString(bytes);

    [Fact]
    public async Task GetAsync_MissingKey_ReturnsNull()
    {
        using var deadline = TestDeadline.After(Timeout);

        Assert.Null(await Store.GetAsync(Prefix + "missing", deadline.Token));
    }

    [Fact]
    public async Task PutAsync_ThenGet_ReturnsValueAndRevisions()
    {
        using var deadline = TestDeadline.After(Timeout);

        var created = await Store.PutAsync(Prefix + "a", Bytes("one"), deadline.Token);
        var updated = await Store.PutAsync(Prefix + "a", Bytes("two"), deadline.Token);
        var entry = await Store.GetAsync(Prefix + "a", deadline.Token);

        Assert.NotNull(entry);
        Assert.Equal("two", Text(entry.Value));
        Assert.Equal(updated.Revision, entry.ModRevision);
        Assert.Equal(created.Revision, entry.CreateRevision);
        Assert.True(updated.Revision > created.Revision);
    }

    [Fact]
    public async Task PutAsync_EmptyValue_ReadsBackEmpty()
    {
        using var deadline = TestDeadline.After(Timeout);

        await Store.PutAsync(Prefix + "empty", [], deadline.Token);
        var entry = await Store.GetAsync(Prefix + "empty", deadline.Token);

        Assert.NotNull(entry);
        Assert.Empty(entry.Value);
    }

    [Fact]
    public async Task ListAsync_Prefix_ReturnsOnlyThatPrefixOrderedByKey()
    {
        using var deadline = TestDeadline.After(Timeout);
        foreach (var key in new[] { "vms/200", "vms/100", "vms/1000", "vms-other", "vmsx/1" })
        {
            await Store.PutAsync(Prefix + key, Bytes(key), deadline.Token);
        }

        var listed = await Store.ListAsync(Prefix + "vms/", deadline.Token);

        Assert.Equal([Prefix + "vms/100", Prefix + "vms/1000", Prefix + "vms/200"], listed.Select(e => e.Key));
        Assert.Equal("vms/1000", Text(listed[1].Value));
    }

    [Fact]
    public async Task ListAsync_EmptyPrefixRange_ReturnsEmpty()
    {
        using var deadline = TestDeadline.After(Timeout);

        Assert.Empty(await Store.ListAsync(Prefix + "nothing/", deadline.Token));
    }

    [Fact]
    public async Task CompareAndPutAsync_TwentyConcurrentCreators_ExactlyOneWins()
    {
        using var deadline = TestDeadline.After(Timeout);
        var key = Prefix + "contended";

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            Store.CompareAndPutAsync(key, 0, Bytes($"creator-{i}"), deadline.Token)));

        var winners = results.Select((r, i) => (r, i)).Where(x => x.r.Succeeded).ToList();
        Assert.Single(winners);
        var entry = await Store.GetAsync(key, deadline.Token);
        Assert.Equal($"creator-{winners[0].i}", Text(entry?.Value));
        Assert.Equal(winners[0].r.Revision, entry?.ModRevision);
    }

    [Fact]
    public async Task CompareAndPutAsync_StaleRevision_FailsWithoutWriting()
    {
        using var deadline = TestDeadline.After(Timeout);
        var key = Prefix + "config";
        var first = await Store.PutAsync(key, Bytes("v1"), deadline.Token);
        var second = await Store.CompareAndPutAsync(key, first.Revision, Bytes("v2"), deadline.Token);

        var stale = await Store.CompareAndPutAsync(key, first.Revision, Bytes("v3"), deadline.Token);

        Assert.True(second.Succeeded);
        Assert.False(stale.Succeeded);
        var entry = await Store.GetAsync(key, deadline.Token);
        Assert.Equal("v2", Text(entry?.Value));
        Assert.Equal(second.Revision, entry?.ModRevision);
    }

    [Fact]
    public async Task CompareAndPutAsync_CreateOnlyOnExistingKey_Fails()
    {
        using var deadline = TestDeadline.After(Timeout);
        await Store.PutAsync(Prefix + "exists", Bytes("v1"), deadline.Token);

        var result = await Store.CompareAndPutAsync(Prefix + "exists", 0, Bytes("v2"), deadline.Token);

        Assert.False(result.Succeeded);
        Assert.Equal("v1", Text((await Store.GetAsync(Prefix + "exists", deadline.Token))?.Value));
    }

    [Fact]
    public async Task CompareAndDeleteAsync_CurrentRevision_Deletes()
    {
        using var deadline = TestDeadline.After(Timeout);
        var put = await Store.PutAsync(Prefix + "doomed", Bytes("x"), deadline.Token);

        var stale = await Store.CompareAndDeleteAsync(Prefix + "doomed", put.Revision - 1, deadline.Token);
        var current = await Store.CompareAndDeleteAsync(Prefix + "doomed", put.Revision, deadline.Token);

        Assert.False(stale.Succeeded);
        Assert.True(current.Succeeded);
        Assert.Null(await Store.GetAsync(Prefix + "doomed", deadline.Token));
    }

    [Fact]
    public async Task TransactAsync_AllComparesHold_AppliesEveryOpAtOneRevision()
    {
        using var deadline = TestDeadline.After(Timeout);
        var source = await Store.PutAsync(Prefix + "owner/source", Bytes("vm 100"), deadline.Token);
        await Store.PutAsync(Prefix + "stale", Bytes("x"), deadline.Token);

        var result = await Store.TransactAsync(
            [new TxnCompare(Prefix + "owner/source", source.Revision), TxnCompare.Absent(Prefix + "owner/target")],
            [new TxnOp.Delete(Prefix + "owner/source"), new TxnOp.Put(Prefix + "owner/target", Bytes("vm 100")), new TxnOp.Delete(Prefix + "stale")],
            deadline.Token);

        Assert.True(result.Succeeded);
        Assert.Null(await Store.GetAsync(Prefix + "owner/source", deadline.Token));
        Assert.Null(await Store.GetAsync(Prefix + "stale", deadline.Token));
        Assert.Equal(result.Revision, (await Store.GetAsync(Prefix + "owner/target", deadline.Token))?.ModRevision);
    }

    [Fact]
    public async Task TransactAsync_OneCompareFails_AppliesNothing()
    {
        using var deadline = TestDeadline.After(Timeout);
        var a = await Store.PutAsync(Prefix + "a", Bytes("a1"), deadline.Token);
        await Store.PutAsync(Prefix + "b", Bytes("b1"), deadline.Token);

        var result = await Store.TransactAsync(
            [new TxnCompare(Prefix + "a", a.Revision), TxnCompare.Absent(Prefix + "b")],
            [new TxnOp.Put(Prefix + "a", Bytes("a2")), new TxnOp.Put(Prefix + "c", Bytes("c2"))],
            deadline.Token);

        Assert.False(result.Succeeded);
        Assert.Equal("a1", Text((await Store.GetAsync(Prefix + "a", deadline.Token))?.Value));
        Assert.Null(await Store.GetAsync(Prefix + "c", deadline.Token));
    }

    [Fact]
    public async Task TransactAsync_DeletePrefix_RemovesOnlyThatPrefix()
    {
        using var deadline = TestDeadline.After(Timeout);
        foreach (var key in new[] { "tasks/1", "tasks/2", "tasks/sub/3", "tasks-keep", "other" })
        {
            await Store.PutAsync(Prefix + key, Bytes(key), deadline.Token);
        }

        var result = await Store.TransactAsync([], [new TxnOp.DeletePrefix(Prefix + "tasks/")], deadline.Token);

        Assert.True(result.Succeeded);
        Assert.Empty(await Store.ListAsync(Prefix + "tasks/", deadline.Token));
        Assert.Equal([Prefix + "other", Prefix + "tasks-keep"], (await Store.ListAsync(Prefix, deadline.Token)).Select(e => e.Key));
    }
}
