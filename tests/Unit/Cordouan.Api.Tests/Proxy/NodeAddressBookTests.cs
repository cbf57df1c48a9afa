using System.Text;
using Cordouan.Api.Proxy;
using Cordouan.Core.Cluster;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Cordouan.Api.Tests.Proxy;

public sealed class NodeAddressBookTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly NodeDocumentStore _store = new();

    [Fact]
    public async Task FindAsync_KnownNode_ReturnsAddressAndPort()
    {
        _store.Put("node1", """{"schema":1,"name":"node1","address":"10.0.0.1","apiPort":8443}""");
        var book = new NodeAddressBook(_store, new NodeProxyOptions(), _time);

        var endpoint = await book.FindAsync("node1", TestContext.Current.CancellationToken);

        Assert.Equal(new NodeEndpoint("node1", "10.0.0.1", 8443), endpoint);
        Assert.Equal("https://10.0.0.1:8443", endpoint!.BaseAddress);
    }

    [Fact]
    public async Task FindAsync_DocumentWithoutPort_DefaultsTo8006()
    {
        _store.Put("node1", """{"schema":1,"name":"node1","address":"fd00::1"}""");
        var book = new NodeAddressBook(_store, new NodeProxyOptions(), _time);

        var endpoint = await book.FindAsync("node1", TestContext.Current.CancellationToken);

        Assert.Equal("https://[fd00::1]:8006", endpoint!.BaseAddress);
    }

    [Fact]
    public async Task FindAsync_WithinCacheTime_ReadsStoreOnce_ThenRereads()
    {
        var ct = TestContext.Current.CancellationToken;
        _store.Put("node1", """{"name":"node1","address":"10.0.0.1","apiPort":8006}""");
        var book = new NodeAddressBook(_store, new NodeProxyOptions { AddressCacheTime = TimeSpan.FromSeconds(2) }, _time);

        await book.FindAsync("node1", ct);
        _store.Put("node1", """{"name":"node1","address":"10.0.0.9","apiPort":8006}""");
        var cached = await book.FindAsync("node1", ct);
        _time.Advance(TimeSpan.FromSeconds(2));
        var fresh = await book.FindAsync("node1", ct);

        Assert.Equal("10.0.0.1", cached!.Address);
        Assert.Equal("10.0.0.9", fresh!.Address);
        Assert.Equal(2, _store.Reads);
    }

    [Fact]
    public async Task FindAsync_UnknownNode_ReturnsNullAndIsNotCached()
    {
        var ct = TestContext.Current.CancellationToken;
        var book = new NodeAddressBook(_store, new NodeProxyOptions(), _time);

        Assert.Null(await book.FindAsync("nosuch", ct));
        _store.Put("nosuch", """{"name":"nosuch","address":"10.0.0.3"}""");

        Assert.NotNull(await book.FindAsync("nosuch", ct));
    }

    /// <summary>Only node documents, read one key at a time: all the address book uses of the store.</summary>
    private sealed class NodeDocumentStore : IClusterStore
    {
        private readonly Dictionary<string, byte[]> _values = new(StringComparer.Ordinal);

        public int Reads { get; private set; }

        public void Put(string node, string json) => _values[ClusterKeys.Node(node)] = Encoding.UTF8.GetBytes(json);

        public Task<StoreEntry?> GetAsync(string key, CancellationToken cancellationToken)
        {
            Reads++;
            return Task.FromResult(_values.TryGetValue(key, out var value) ? new StoreEntry(key, value, 1, 1, 0) : null);
        }

        public Task<IReadOnlyList<StoreEntry>> ListAsync(string prefix, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<TxnResult> TransactAsync(IReadOnlyList<TxnCompare> compares, IReadOnlyList<TxnOp> ops, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<long> GrantLeaseAsync(TimeSpan ttl, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<bool> KeepAliveAsync(long lease, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task RevokeLeaseAsync(long lease, CancellationToken cancellationToken) => throw new NotSupportedException();

        public IAsyncEnumerable<WatchEvent> WatchAsync(string prefix, long afterRevision, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
